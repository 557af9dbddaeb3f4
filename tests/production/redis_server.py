"""The Redis server on this machine (and in CI) for the production tests, under a key prefix of each test's own."""

from __future__ import annotations

import uuid

import redis

REDIS_URL = "redis://127.0.0.1:6379/0"


def new_prefix() -> str:
    """A key prefix no other test run uses."""
    return f"ksi-test-{uuid.uuid4().hex[:12]}"


def delete_keys(prefix: str) -> None:
    """Remove every key under ``prefix`` (Django's Redis cache writes ``prefix:version:key``)."""
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)
    client.close()
