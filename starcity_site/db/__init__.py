"""Django's PostgreSQL backend with a health check that cannot hang (see base.py)."""
