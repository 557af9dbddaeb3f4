"""The Wagtail face of ksi-courses: page models, blocks, import/export commands and teaching."""
