"""Shared pieces of the content schema: the base model, ids, strings and translation languages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Languages every vocabulary entry is translated into, in display order, with their names
#: (in the language itself) and writing direction. Chosen from the languages most common among
#: recent participants (IMDi Tolkemonitor 2024; SSB introduksjonsordningen 2024).
LANGUAGES: dict[str, dict[str, str]] = {
    "en": {"name": "English", "name_nb": "engelsk", "dir": "ltr"},
    "uk": {"name": "Українська", "name_nb": "ukrainsk", "dir": "ltr"},
    "ar": {"name": "العربية", "name_nb": "arabisk", "dir": "rtl"},
    "ti": {"name": "ትግርኛ", "name_nb": "tigrinja", "dir": "ltr"},
    "so": {"name": "Soomaali", "name_nb": "somali", "dir": "ltr"},
    "prs": {"name": "دری", "name_nb": "dari", "dir": "rtl"},
    "ru": {"name": "Русский", "name_nb": "russisk", "dir": "ltr"},
}

LanguageCode = Literal["en", "uk", "ar", "ti", "so", "prs", "ru"]
#: Who has checked a translation: ``machine`` (machine-made, not yet checked by a person) or
#: ``reviewed`` (checked by a person who has the language as mother tongue).
ReviewStatus = Literal["machine", "reviewed"]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
    Field(description="Stable identifier: lowercase letters, digits and hyphens. Never change it after release."),
]
NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ContentModel(BaseModel):
    """Base of every content model: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Translations(ContentModel):
    """One translation per supported language; all are required."""

    en: NonEmptyStr
    uk: NonEmptyStr
    ar: NonEmptyStr
    ti: NonEmptyStr
    so: NonEmptyStr
    prs: NonEmptyStr
    ru: NonEmptyStr

    def get(self, code: str) -> str:
        return getattr(self, code)
