"""The shared cache when REDIS_URL is set: django-redis, whose IGNORE_EXCEPTIONS turns
an unreachable Redis into a cache miss, so pages keep serving while Redis is down."""

from django_redis.cache import RedisCache


class FailOpenRedisCache(RedisCache):
    """``add`` is how the rate limits take their lock (allauth's ``cache_lock``). With
    Redis unreachable django-redis answers None, which reads as "locked by someone
    else", and every sign-in would be refused. Here an outage answers True: the limits
    count nothing until Redis is back, rather than locking everybody out."""

    def add(self, *args, **kwargs):
        added = super().add(*args, **kwargs)
        return True if added is None else added
