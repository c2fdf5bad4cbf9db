"""Peewee models. All datetimes are aware and stored in UTC (see `UTCDateTimeField`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelSelect,
    TextField,
)

from db.connection import DB
from db.fields import UTCDateTimeField
from db.vocabulary import (
    ContactRole,
    InterviewFormat,
    ReminderState,
    SalaryBasis,
    Status,
    WorkMode,
    check_transition,
)

if TYPE_CHECKING:
    from db.query_types import TypedSelect


class BaseModel(Model):
    # Peewee adds, for each foreign key `x`, the attribute `x_id` (the id, without a query)
    # and, on the model it points to, the backref (a query of the rows pointing here). Each
    # model declares those it has as annotations, which Peewee ignores and mypy reads.

    if TYPE_CHECKING:
        # For mypy only: rows from .dicts() and .tuples() typed as what they are (see there).
        @classmethod
        def select(cls, *fields: Any) -> TypedSelect[Self]: ...

    class Meta:
        database = DB
        legacy_table_names = False


class Company(BaseModel):
    id = AutoField()
    name = CharField(unique=True, collation="NOCASE")
    created_at = UTCDateTimeField()

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    contacts: ModelSelect[Contact]
    opportunities: ModelSelect[Opportunity]


class Contact(BaseModel):
    id = AutoField()
    name = CharField()
    email = CharField(default="")
    phone = CharField(default="")
    role = CharField(default=ContactRole.OTHER.value)
    company = ForeignKeyField(Company, null=True, backref="contacts", on_delete="SET NULL")
    created_at = UTCDateTimeField()
    address_as = CharField(default="")  # schema 7: "Dr Raman", "Priya"; empty: first name
    # Schema 8: a RecruiterKind value; empty until the user has said.
    recruiter_kind = CharField(default="")
    # The People tab (issue #21): their job title ("Engineering Manager", a vCard's TITLE)
    # and what the user keeps about them (a vCard's NOTE).
    job_title = CharField(default="")
    notes = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    company_id: int | None
    recruiting: ModelSelect[Opportunity]
    interview_links: ModelSelect[InterviewInterviewer]
    reminders: ModelSelect[Reminder]
    sent_notes: ModelSelect[SentNote]


class Opportunity(BaseModel):
    id = AutoField()
    company = ForeignKeyField(Company, backref="opportunities", on_delete="RESTRICT")
    role_title = CharField()
    source = CharField(default="")
    posting_url = CharField(default="")
    applied_on = DateField(null=True)
    status = CharField(default=Status.APPLIED.value)
    recruiter = ForeignKeyField(Contact, null=True, backref="recruiting", on_delete="SET NULL")
    notes = TextField(default="")
    archived = BooleanField(default=False)
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    offer_deadline = DateField(null=True)  # schema 3
    # Opportunity details (issue #21): all optional.
    salary_min = IntegerField(null=True)
    salary_max = IntegerField(null=True)
    salary_currency = CharField(default="")  # ISO 4217 code
    salary_basis = CharField(default=SalaryBasis.GIVEN.value)
    location = CharField(default="")
    work_mode = CharField(default=WorkMode.UNKNOWN.value)
    deadline = DateField(null=True)  # the day applications close
    job_description = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    company_id: int
    recruiter_id: int | None
    interviews: ModelSelect[Interview]
    status_changes: ModelSelect[StatusChange]
    reminders: ModelSelect[Reminder]
    reflections: ModelSelect[Reflection]
    sent_notes: ModelSelect[SentNote]
    documents: ModelSelect[OpportunityDocument]


class Interview(BaseModel):
    id = AutoField()
    opportunity = ForeignKeyField(Opportunity, backref="interviews", on_delete="CASCADE")
    round_label = CharField(default="")
    starts_at = UTCDateTimeField()
    duration_minutes = IntegerField(default=60)
    format = CharField(default=InterviewFormat.VIDEO.value)
    location = CharField(default="")
    hear_by = DateField(null=True)
    notes = TextField(default="")
    created_at = UTCDateTimeField()

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    opportunity_id: int
    interviewer_links: ModelSelect[InterviewInterviewer]
    reminders: ModelSelect[Reminder]
    debriefs: ModelSelect[Debrief]


class InterviewInterviewer(BaseModel):
    """Who interviewed: the many-to-many link between interviews and contacts."""

    interview = ForeignKeyField(Interview, backref="interviewer_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="interview_links", on_delete="CASCADE")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    id: AutoField[int]  # the implicit primary key
    interview_id: int
    contact_id: int

    class Meta:
        indexes = ((("interview", "contact"), True),)


class StatusChange(BaseModel):
    id = AutoField()
    opportunity = ForeignKeyField(Opportunity, backref="status_changes", on_delete="CASCADE")
    from_status = CharField(null=True)
    to_status = CharField()
    changed_at = UTCDateTimeField()
    note = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    opportunity_id: int


class Reminder(BaseModel):
    id = AutoField()
    kind = CharField()
    # Stable identity of the rule instance (opportunity, interview, rule, person), so that
    # regenerating reminders updates rows instead of adding new ones.
    key = CharField(unique=True)
    due_at = UTCDateTimeField()
    state = CharField(default=ReminderState.PENDING.value)
    opportunity = ForeignKeyField(Opportunity, null=True, backref="reminders", on_delete="CASCADE")
    interview = ForeignKeyField(Interview, null=True, backref="reminders", on_delete="SET NULL")
    contact = ForeignKeyField(Contact, null=True, backref="reminders", on_delete="SET NULL")
    created_at = UTCDateTimeField()
    fired_at = UTCDateTimeField(null=True)
    answered_at = UTCDateTimeField(null=True)
    # Schema 5: the words of a nudge ("title\nbody"), chosen when it was made; playbook
    # reminders take theirs from playbook.texts and leave this empty.
    message = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    opportunity_id: int | None
    interview_id: int | None
    contact_id: int | None

    def move_to(self, target: ReminderState) -> None:
        """Change state in memory, refusing transitions the state machine forbids."""
        check_transition(ReminderState(self.state), target)
        self.state = target.value


class Debrief(BaseModel):
    id = AutoField()
    interview = ForeignKeyField(Interview, unique=True, backref="debriefs", on_delete="CASCADE")
    felt = IntegerField(null=True)  # 1 "went badly" … 5 "went great"
    prediction = CharField(default="")  # move_forward / not / unsure
    account = TextField(default="")
    went_well = TextField(default="")
    made_harder = TextField(default="")
    lessons = TextField(default="")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    # Schema 8: what the company or the recruiter said about this interview.
    feedback = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    interview_id: int
    questions: ModelSelect[DebriefQuestion]
    mistakes: ModelSelect[DebriefMistake]


class DebriefQuestion(BaseModel):
    """A question the interviewer asked, with the user's note on their answer."""

    id = AutoField()
    debrief = ForeignKeyField(Debrief, backref="questions", on_delete="CASCADE")
    position = IntegerField()
    question = TextField()
    answer_note = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    debrief_id: int


class DebriefMistake(BaseModel):
    id = AutoField()
    debrief = ForeignKeyField(Debrief, backref="mistakes", on_delete="CASCADE")
    position = IntegerField()
    mistake = TextField()  # a key of playbook.reflection.COMMON_MISTAKES, or the user's words
    why = TextField(default="")

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    debrief_id: int


class Reflection(BaseModel):
    """After "Not this time": what was outside the user's control, what is worth checking,
    and the feedback the company gave."""

    id = AutoField()
    opportunity = ForeignKeyField(
        Opportunity, unique=True, backref="reflections", on_delete="CASCADE"
    )
    outside_reasons = TextField(default="[]")  # JSON list of indexes into OUTSIDE_REASONS
    checks = TextField(default="{}")  # JSON {index into WORTH_CHECKING: the user's note}
    feedback = TextField(default="")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    opportunity_id: int


class SentNote(BaseModel):
    """A note the user said they sent (schema 7): what, to whom, when, and how."""

    id = AutoField()
    opportunity = ForeignKeyField(Opportunity, backref="sent_notes", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, backref="sent_notes", on_delete="SET NULL")
    recipient = CharField()  # "Name <email>" as it was, kept if the contact is deleted
    template = CharField()
    subject = TextField()
    body = TextField()
    how = CharField()  # "email" or "copied"
    sent_at = UTCDateTimeField()

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    opportunity_id: int
    contact_id: int | None

    class Meta:
        indexes = ((("opportunity", "sent_at"), False),)


class Document(BaseModel):
    """A file the user sent, stored once by its content (issue #21: documents)."""

    id = AutoField()
    sha256 = CharField(unique=True)
    stored_name = CharField()  # in <data folder>/documents/: "<sha256><.suffix>"
    original_name = CharField()  # as it was called when first attached
    size = IntegerField()
    added_at = UTCDateTimeField()

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    links: ModelSelect[OpportunityDocument]


class OpportunityDocument(BaseModel):
    """A document sent for an opportunity: what it was and the day it went."""

    id = AutoField()
    opportunity = ForeignKeyField(Opportunity, backref="documents", on_delete="CASCADE")
    # RESTRICT: a document row outlives its last link until the sweep removes it with its
    # file, so undoing a deleted opportunity finds its documents still there.
    document = ForeignKeyField(Document, backref="links", on_delete="RESTRICT")
    # The file's name as it was sent to this company: the same CV may have gone out as
    # "Jane Doe CV.pdf" once and "CV - Acme.pdf" another time.
    name = CharField()
    kind = CharField()  # a DocumentKind value
    sent_on = DateField(null=True)
    added_at = UTCDateTimeField()

    # Made by Peewee at class creation, declared for mypy (see the note at BaseModel).
    opportunity_id: int
    document_id: int


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()  # JSON


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Company,
    Contact,
    Opportunity,
    Interview,
    InterviewInterviewer,
    StatusChange,
    Reminder,
    Debrief,
    DebriefQuestion,
    DebriefMistake,
    Reflection,
    SentNote,
    Document,
    OpportunityDocument,
    Setting,
)
