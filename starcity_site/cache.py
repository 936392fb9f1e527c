"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Django's built-in RedisCache raises on a connection error, which would turn a cache outage into
a site outage. Here every operation that fails on the connection is logged and answered as a
miss, so pages keep coming from the database (slower) and caching resumes when Redis is back.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
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


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, but one ``redis.Redis`` per connection pool instead of one per call.

    Django builds a new ``redis.Redis`` for every cache operation, and its constructor fills a
    table of ~170 response callbacks each time: about a fifth of a page-cache hit's CPU. A
    ``redis.Redis`` is safe to share between threads (it takes a pooled connection per command)
    and its pool notices a fork, so one per pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

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

    def incr(self, key, delta=1, version=None):
        if time.monotonic() < self._down_until:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except _ERRORS:
            self._down_until = time.monotonic() + _BACKOFF_SECONDS
            logger.warning("Redis cache unavailable; serving without cache", exc_info=True)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from None
