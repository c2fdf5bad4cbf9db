-- Debrief schema 1, frozen. Later versions change it only through numbered steps in
-- db/migrations.py, so a database made by any release can be brought up to date.
CREATE TABLE "company" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL COLLATE NOCASE, "created_at" TEXT NOT NULL);
CREATE UNIQUE INDEX "company_name" ON "company" ("name");
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "company_id" INTEGER, "created_at" TEXT NOT NULL, FOREIGN KEY ("company_id") REFERENCES "company" ("id") ON DELETE SET NULL);
CREATE INDEX "contact_company_id" ON "contact" ("company_id");
CREATE TABLE "opportunity" ("id" INTEGER NOT NULL PRIMARY KEY, "company_id" INTEGER NOT NULL, "role_title" VARCHAR(255) NOT NULL, "source" VARCHAR(255) NOT NULL, "posting_url" VARCHAR(255) NOT NULL, "applied_on" DATE, "status" VARCHAR(255) NOT NULL, "recruiter_id" INTEGER, "notes" TEXT NOT NULL, "archived" INTEGER NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, FOREIGN KEY ("company_id") REFERENCES "company" ("id") ON DELETE RESTRICT, FOREIGN KEY ("recruiter_id") REFERENCES "contact" ("id") ON DELETE SET NULL);
CREATE INDEX "opportunity_company_id" ON "opportunity" ("company_id");
CREATE INDEX "opportunity_recruiter_id" ON "opportunity" ("recruiter_id");
CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY, "opportunity_id" INTEGER NOT NULL, "round_label" VARCHAR(255) NOT NULL, "starts_at" TEXT NOT NULL, "duration_minutes" INTEGER NOT NULL, "format" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL, "hear_by" DATE, "notes" TEXT NOT NULL, "created_at" TEXT NOT NULL, FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE);
CREATE INDEX "interview_opportunity_id" ON "interview" ("opportunity_id");
CREATE TABLE "interview_interviewer" ("id" INTEGER NOT NULL PRIMARY KEY, "interview_id" INTEGER NOT NULL, "contact_id" INTEGER NOT NULL, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "interview_interviewer_interview_id" ON "interview_interviewer" ("interview_id");
CREATE INDEX "interview_interviewer_contact_id" ON "interview_interviewer" ("contact_id");
CREATE UNIQUE INDEX "interview_interviewer_interview_id_contact_id" ON "interview_interviewer" ("interview_id", "contact_id");
CREATE TABLE "status_change" ("id" INTEGER NOT NULL PRIMARY KEY, "opportunity_id" INTEGER NOT NULL, "from_status" VARCHAR(255), "to_status" VARCHAR(255) NOT NULL, "changed_at" TEXT NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE);
CREATE INDEX "status_change_opportunity_id" ON "status_change" ("opportunity_id");
CREATE TABLE "reminder" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, "key" VARCHAR(255) NOT NULL, "due_at" TEXT NOT NULL, "state" VARCHAR(255) NOT NULL, "opportunity_id" INTEGER, "interview_id" INTEGER, "contact_id" INTEGER, "created_at" TEXT NOT NULL, "fired_at" TEXT, "answered_at" TEXT, FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE SET NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "reminder_key" ON "reminder" ("key");
CREATE INDEX "reminder_opportunity_id" ON "reminder" ("opportunity_id");
CREATE INDEX "reminder_interview_id" ON "reminder" ("interview_id");
CREATE INDEX "reminder_contact_id" ON "reminder" ("contact_id");
CREATE TABLE "debrief" ("id" INTEGER NOT NULL PRIMARY KEY, "interview_id" INTEGER NOT NULL, "felt" INTEGER, "prediction" VARCHAR(255) NOT NULL, "account" TEXT NOT NULL, "went_well" TEXT NOT NULL, "made_harder" TEXT NOT NULL, "lessons" TEXT NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "debrief_interview_id" ON "debrief" ("interview_id");
CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
