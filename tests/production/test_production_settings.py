"""The demo's production settings (``demo/demo_site/production.py``, used by ``scripts/production``):
the shared cache, the database queue and the shared folders come from the environment."""

from __future__ import annotations

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

MODULE = "demo.demo_site.production"
ENVIRONMENT = (
    "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL",
    "KSI_CACHE_KEY_PREFIX", "KSI_MEDIA_ROOT", "KSI_RESTRICTED_ROOT", "KSI_STATIC_ROOT",
)  # fmt: skip


def production_settings(monkeypatch, **env):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in (MODULE, "demo.demo_site.settings"):
        sys.modules.pop(name, None)
    try:
        return vars(importlib.import_module(MODULE))
    finally:
        for name in (MODULE, "demo.demo_site.settings"):
            sys.modules.pop(name, None)


def test_the_defaults_are_this_machines_services(monkeypatch):
    settings = production_settings(monkeypatch, DJANGO_SECRET_KEY="k" * 50)
    assert settings["DEBUG"] is False and settings["SECURE_SSL_REDIRECT"] is True
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings["DATABASES"]["default"]["HOST"] == "127.0.0.1"
    assert settings["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": "ksi",
    }
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "health_check" in settings["INSTALLED_APPS"]
    assert settings["SECURE_REDIRECT_EXEMPT"] == [r"^health/$"]


def test_services_and_shared_folders_come_from_the_environment(monkeypatch, tmp_path):
    settings = production_settings(
        monkeypatch,
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="kurs.innherred.no, 10.0.0.5",
        DATABASE_URL="postgres://kurs@db.innherred.no:5432/kurs",
        REDIS_URL="redis://cache.innherred.no:6379/2",
        KSI_CACHE_KEY_PREFIX="verdal",
        KSI_MEDIA_ROOT=str(tmp_path / "delt" / "media"),
        KSI_RESTRICTED_ROOT=str(tmp_path / "delt" / "begrenset"),
        KSI_STATIC_ROOT=str(tmp_path / "static"),
    )
    assert settings["ALLOWED_HOSTS"] == ["kurs.innherred.no", "10.0.0.5"]
    assert settings["DATABASES"]["default"]["HOST"] == "db.innherred.no"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://cache.innherred.no:6379/2"
    assert settings["CACHES"]["default"]["KEY_PREFIX"] == "verdal"
    assert settings["MEDIA_ROOT"] == str(tmp_path / "delt" / "media")
    assert settings["KSI_RESTRICTED_ROOT"] == str(tmp_path / "delt" / "begrenset")
    assert settings["STATIC_ROOT"] == str(tmp_path / "static")


def test_without_a_secret_key_of_its_own_it_refuses_to_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        production_settings(monkeypatch, DJANGO_DEBUG="1")  # not even with the demo's DEBUG key
