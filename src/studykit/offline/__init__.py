"""Offline and installable: the service worker and its precache list, the "Updated: reload"
notice, the web app manifest and its icons."""
