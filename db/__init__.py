"""Local storage for Debrief: Peewee models on one SQLite file. Never imports Qt."""
