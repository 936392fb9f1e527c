"""PostgreSQL, with a bounded health check for persistent connections.

Django checks a reused connection (``CONN_HEALTH_CHECKS``) with a plain ``SELECT 1``. If the
database is *down*, that fails at once. If it *hangs* (frozen, swapped out, a network path that
drops packets) the query waits forever: ``connect_timeout`` covers only new connections and
``statement_timeout`` is enforced by the very server that stopped answering. Requests would pile
up until gunicorn killed its workers. Here the check waits at most ``HEALTH_CHECK_TIMEOUT``
seconds; a connection that does not answer is dropped, Django opens a new one, the connect
timeout ends that attempt, and the visitor gets the 503 page within a few seconds.
"""

from __future__ import annotations

import selectors
import time

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None:
            return False
        pgconn = self.connection.pgconn
        timeout = getattr(settings, "DB_HEALTH_CHECK_TIMEOUT", 1.0)
        deadline = time.monotonic() + timeout
        try:
            pgconn.send_query(b"SELECT 1")
            with selectors.DefaultSelector() as selector:
                selector.register(pgconn.socket, selectors.EVENT_READ | selectors.EVENT_WRITE)
                while pgconn.flush():
                    if not selector.select(max(0.0, deadline - time.monotonic())):
                        return False
                selector.modify(pgconn.socket, selectors.EVENT_READ)
                while True:
                    pgconn.consume_input()
                    if not pgconn.is_busy():
                        break
                    if not selector.select(max(0.0, deadline - time.monotonic())):
                        return False
            healthy = True
            while (result := pgconn.get_result()) is not None:
                healthy = healthy and result.status == pq.ExecStatus.TUPLES_OK
            return healthy
        except (psycopg.Error, OSError, ValueError):  # a closed or broken connection: not usable
            return False
