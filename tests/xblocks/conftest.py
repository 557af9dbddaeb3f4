"""A real XBlock runtime for the lesson block, serving the mini course through the catalog service."""

from __future__ import annotations

import pytest
from django.utils import translation
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.tools import TestRuntime

from tests.paths import MINI_COURSE
from xblocks.catalog import SERVICE_NAME, CourseCatalog
from xblocks.lesson import LessonBlock


class RecordingRuntime(TestRuntime):
    """XBlock's TestRuntime with handler URLs and a record of every published event."""

    def __init__(self, services: dict):
        super().__init__(services=services)
        self.events: list[tuple[str, dict]] = []

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{block.scope_ids.usage_id}/{handler_name}/{suffix}"

    def resource_url(self, resource):
        return f"/resource/{resource}"

    def local_resource_url(self, block, uri):
        return f"/local/{uri}"

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))

    def events_of(self, event_type: str) -> list[dict]:
        return [data for kind, data in self.events if kind == event_type]


@pytest.fixture(autouse=True)
def learner_reads_english():
    """The platform's language for these tests is English (the catalogues' source language);
    tests of Norwegian choose it themselves. The project's Django settings default to nb."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def mini_catalog() -> CourseCatalog:
    return CourseCatalog.from_dirs([MINI_COURSE])


@pytest.fixture
def runtime(mini_catalog) -> RecordingRuntime:
    return RecordingRuntime({"field-data": KvsFieldData(DictKeyValueStore()), SERVICE_NAME: mini_catalog})


def build_block(runtime, user: str = "learner-1", usage: str | None = None, **settings) -> LessonBlock:
    """A LessonBlock for ``user`` on ``runtime``; settings come as keyword arguments."""
    definition = runtime.id_generator.create_definition("ksi_lesson")
    usage_id = usage or runtime.id_generator.create_usage(definition)
    block = runtime.construct_xblock_from_class(LessonBlock, ScopeIds(user, "ksi_lesson", definition, usage_id))
    for name, value in settings.items():
        setattr(block, name, value)
    block.save()
    return block


@pytest.fixture
def make_block(runtime):
    """Build a LessonBlock on the mini-course runtime (see :func:`build_block`)."""

    def make(user: str = "learner-1", usage: str | None = None, **settings) -> LessonBlock:
        return build_block(runtime, user, usage, **settings)

    return make
