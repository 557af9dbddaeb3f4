"""Signals other apps listen to, so the Wagtail face never imports them."""

from django.dispatch import Signal

#: Sent by the importer for each ``renamed:`` id inside a lesson. Arguments: ``page`` (the lesson
#: page), ``old`` and ``new`` (paths below the lesson: ``quiz``, ``quiz/question``, ``checklist``,
#: ``checklist/item``). A receiver returns how many of its records it moved to the new id.
ids_renamed = Signal()
