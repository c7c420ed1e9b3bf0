"""Exceptions for bad instructor data in the lesson's source files."""


class LessonDataError(ValueError):
    """Bad instructor data; the message names the file, the item and the field."""
