"""gunicorn settings for the PaaS (Procfile's web process). Values come from the environment."""

import contextlib
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker keep serving while a slow client holds a connection; the gthread worker
# also keeps idle keep-alive connections out of the way of new requests.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# gthread hands every new connection to a thread, which waits up to 5 s for the first bytes
# before parking it in the poller; idle connections (slow clients, pre-opened sockets) could then
# hold every thread. A short wait parks them at once (measured in docs/reliability.md). The value
# is a module constant in gunicorn 23-27, not a setting; if it moves, this does nothing.
with contextlib.suppress(ImportError):
    import gunicorn.workers.gthread as _gthread

    if hasattr(_gthread, "DEFAULT_WORKER_DATA_TIMEOUT"):
        _gthread.DEFAULT_WORKER_DATA_TIMEOUT = float(os.environ.get("GUNICORN_FIRST_BYTE_WAIT", "0.25"))
# Below the router's 30 s request limit, so we answer (or log) before the router gives up.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "25"))
# Finish in-flight requests on SIGTERM well within the PaaS's 30 s SIGKILL window.
graceful_shutdown_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
graceful_timeout = graceful_shutdown_timeout
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
preload_app = True
