"""Peewee models. All datetimes are aware and stored in UTC (see `UTCDateTimeField`)."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from db.connection import DB
from db.fields import UTCDateTimeField
from db.vocabulary import ContactRole, InterviewFormat, ReminderState, Status, check_transition


class BaseModel(Model):
    class Meta:
        database = DB
        legacy_table_names = False


class Company(BaseModel):
    id = AutoField()
    name = CharField(unique=True, collation="NOCASE")
    created_at = UTCDateTimeField()


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


class InterviewInterviewer(BaseModel):
    """Who interviewed: the many-to-many link between interviews and contacts."""

    interview = ForeignKeyField(Interview, backref="interviewer_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="interview_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("interview", "contact"), True),)


class StatusChange(BaseModel):
    id = AutoField()
    opportunity = ForeignKeyField(Opportunity, backref="status_changes", on_delete="CASCADE")
    from_status = CharField(null=True)
    to_status = CharField()
    changed_at = UTCDateTimeField()
    note = TextField(default="")


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


class DebriefQuestion(BaseModel):
    """A question the interviewer asked, with the user's note on their answer."""

    id = AutoField()
    debrief = ForeignKeyField(Debrief, backref="questions", on_delete="CASCADE")
    position = IntegerField()
    question = TextField()
    answer_note = TextField(default="")


class DebriefMistake(BaseModel):
    id = AutoField()
    debrief = ForeignKeyField(Debrief, backref="mistakes", on_delete="CASCADE")
    position = IntegerField()
    mistake = TextField()  # a key of playbook.reflection.COMMON_MISTAKES, or the user's words
    why = TextField(default="")


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

    class Meta:
        indexes = ((("opportunity", "sent_at"), False),)


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
    Setting,
)
