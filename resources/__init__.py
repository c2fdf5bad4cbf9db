"""Debrief's shipped files: icons, note templates, nudge texts, the desktop entry.

This folder is installed as the package `desktop.resources` (see pyproject.toml), so it
travels inside every wheel and is found with importlib.resources; it holds no code.
"""
