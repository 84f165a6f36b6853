"""The database and the caches, built from the environment (used by base.py
and production.py)."""

# SQLite, the embedded default, serves several workers at once: WAL lets
# readers go on while one writes, a writer waits up to 20 s for another
# instead of failing with "database is locked", and a transaction takes the
# write lock when it begins (IMMEDIATE), so two transactions that read, then
# write, never deadlock half-way.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    ),
}

# Redis is a cache and a broker, not something the site stops for: with it
# unreachable the cache answers "nothing stored" quickly (django-redis
# IGNORE_EXCEPTIONS, half-second timeouts) and pages keep working. Only the
# log-in asks the "strict" alias, so it can refuse rather than let its
# rate limits lapse.
REDIS_OPTIONS = {
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}


def database(env, base_dir):
    config = env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")
    config["ATOMIC_REQUESTS"] = False
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


def caches(redis_url, shared_dir=None):
    """Redis when there is one. Without it, memory in this process, or, when
    several processes serve the site (`shared_dir`), files they all read, so
    a change seen by one worker is seen by every worker."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "OPTIONS": {**REDIS_OPTIONS, "IGNORE_EXCEPTIONS": True},
            },
            "strict": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "OPTIONS": REDIS_OPTIONS,
            },
        }
    if shared_dir:
        return {
            alias: {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(shared_dir / alias),
                "OPTIONS": {"MAX_ENTRIES": 20_000},
            }
            for alias in ("default", "strict")
        }
    return {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        for alias in ("default", "strict")
    }
