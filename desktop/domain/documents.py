"""What a document sent for an opportunity can be, and how big it may be."""

from __future__ import annotations

from enum import StrEnum

# A CV, a cover letter, a portfolio PDF or an offer letter is well under this; a folder of
# videos is not what Debrief keeps. 25 MiB is also what most mail services accept.
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
MAX_DOCUMENT_MIB = MAX_DOCUMENT_BYTES // 2**20


class DocumentKind(StrEnum):
    CV = "cv"
    COVER_LETTER = "cover_letter"
    PORTFOLIO = "portfolio"
    OFFER_LETTER = "offer_letter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> DocumentKind:
        folded = "".join(ch for ch in text.casefold() if ch.isalnum())
        for kind in cls:
            if folded in (kind.value.replace("_", ""), kind.label.casefold().replace(" ", "")):
                return kind
        if folded in ("resume", "résumé", "resumé"):
            return cls.CV
        if folded in ("offer", "contract"):
            return cls.OFFER_LETTER
        raise ValueError(
            f"unknown document kind {text!r}; use cv, cover-letter, portfolio, offer-letter "
            "or other"
        )


_LABELS = {
    DocumentKind.CV: "CV",
    DocumentKind.COVER_LETTER: "Cover letter",
    DocumentKind.PORTFOLIO: "Portfolio",
    DocumentKind.OFFER_LETTER: "Offer letter",
    DocumentKind.OTHER: "Other",
}


def size_text(size: int) -> str:
    """1.2 MB, 340 KB, 12 bytes: as a file manager shows it."""
    if size >= 1024 * 1024:
        return f"{size / 2**20:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} byte{'s' * (size != 1)}"
