"""Courses for any LMS and offline: a static website, a SCORM package and an IMS Common Cartridge.

Pure Python (Jinja2, no Django/Wagtail), rendered from the content model like :mod:`xblocks.olx`.
:mod:`.site` builds the pages every format shares; :mod:`.scorm` and :mod:`.cartridge` wrap them.
"""
