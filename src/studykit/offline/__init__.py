"""Offline and installable: the web app manifest, its icons."""
