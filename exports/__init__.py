"""The print face: course model → HTML (Jinja2) → WeasyPrint → tagged PDF.

Public entry points live in :mod:`exports.pdf` (``render_pdf``, ``render_html``, ``PdfOptions``,
``Branding``, ``pdf_cache_key``); :mod:`exports.documents` maps document kinds to templates so
that other documents (forms, certificates) render through the same engine. Importing this
package does not import WeasyPrint; rendering does.
"""
