"""Logging pieces named in settings.LOGGING (loaded before the apps, so nothing else imported)."""

from __future__ import annotations

import logging


class SecurityEventsOnOneLine(logging.Filter):
    """A request Django refuses as suspicious (a bad Host, too many parameters, a malformed
    cookie) is the client's doing, answered with the 400 page: its log record says what and
    where on one line. Django attaches the traceback, which would make every such request
    (cheap to send by the thousand) write kilobytes of log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            record.exc_info = None
            record.exc_text = None
        return True
