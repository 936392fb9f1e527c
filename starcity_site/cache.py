"""A Redis cache that degrades to "no cache" while Redis is unreachable.

django-redis's backend (one client per connection pool) raises on a connection error, which would turn a cache outage into
a site outage. Here every operation that fails on the connection is logged and answered as a
miss, so pages keep coming from the database (slower) and caching resumes when Redis is back.
"""

from __future__ import annotations

import functools
import logging
import time

from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, skip Redis for a moment instead of paying the connect timeout on every call.
_BACKOFF_SECONDS = 5.0


def _fail_soft(default_factory):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return default_factory(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except _ERRORS:
                self._down_until = time.monotonic() + _BACKOFF_SECONDS
                logger.warning("Redis cache unavailable; serving without cache", exc_info=True)
                return default_factory(*args, **kwargs)

        return wrapper

    return decorator


def _get_default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    get = _fail_soft(_get_default)(RedisCache.get)
    set = _fail_soft(lambda *a, **k: None)(RedisCache.set)
    add = _fail_soft(lambda *a, **k: False)(RedisCache.add)
    touch = _fail_soft(lambda *a, **k: False)(RedisCache.touch)
    delete = _fail_soft(lambda *a, **k: False)(RedisCache.delete)
    get_many = _fail_soft(lambda *a, **k: {})(RedisCache.get_many)
    set_many = _fail_soft(lambda *a, **k: [])(RedisCache.set_many)
    delete_many = _fail_soft(lambda *a, **k: None)(RedisCache.delete_many)
    has_key = _fail_soft(lambda *a, **k: False)(RedisCache.has_key)
    clear = _fail_soft(lambda *a, **k: False)(RedisCache.clear)
