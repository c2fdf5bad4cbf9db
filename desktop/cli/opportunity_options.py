"""The options of `debrief add` and `debrief edit` for an opportunity's fields and details."""

from __future__ import annotations

import argparse

# The options each form field is given by, for messages ("--currency: …").
OPTION_FOR_FIELD = {
    "posting_url": "--link",
    "applied_on": "--applied",
    "status": "--status",
    "source": "--source",
    "work_mode": "--work-mode",
    "deadline": "--deadline",
    "salary_min": "--salary",
    "salary_max": "--salary",
    "salary_currency": "--currency",
    "salary_basis": "--salary-as",
    "job_description": "--description",
    "happened_on": "--on",
}


def add_detail_options(command: argparse.ArgumentParser) -> None:
    """The options `add` and `edit` share. Every default is None: `edit` changes only
    what is given (an empty value clears a field)."""
    option = command.add_argument
    option("--status", help="e.g. applied, interviewing (default for add: applied)")
    option("--source", help="where you found it: job board, referral…")
    option("--link", metavar="URL", help="the job posting")
    option("--applied", metavar="YYYY-MM-DD", help="the day you applied")
    option("--recruiter", metavar='"Name <email>"', help="the recruiter involved, if any")
    option("--recruiter-from", metavar="agency|in-house", help="who the recruiter works for")
    option("--notes", help="anything worth keeping")
    option("--salary", metavar='"50k-60k EUR"', help="a salary or a range, with its currency")
    option("--salary-from", metavar="AMOUNT", help="the bottom of the range alone")
    option("--salary-to", metavar="AMOUNT", help="the top of the range alone")
    option("--currency", metavar="CODE", help="e.g. EUR, GBP, USD")
    option("--salary-as", metavar="given|offered", help="as the posting gave it, or as offered")
    option("--location", help="city, region or country")
    option("--work-mode", metavar="on-site|hybrid|remote", help="where the work is done")
    option("--deadline", metavar="YYYY-MM-DD", help="the day applications close")
    description = command.add_mutually_exclusive_group()
    description.add_argument("--description", metavar="TEXT", help="the job description")
    description.add_argument(
        "--description-file", metavar="FILE", help="read the job description from FILE (- stdin)"
    )
