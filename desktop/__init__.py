"""Debrief: an offline desktop companion for job seekers after their interviews."""

__version__ = "0.1.0"
APP_NAME = "Debrief"
APP_ID = "org.debrief.Debrief"
ORGANIZATION = "Debrief"
