"""gunicorn settings for the PaaS (Procfile's web process). Values come from the environment."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker keep serving while a slow client holds a connection; the gthread worker
# also keeps idle keep-alive connections out of the way of new requests.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
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
