"""Debrief in the system tray: the reminder scheduler, notifications, single instance."""
