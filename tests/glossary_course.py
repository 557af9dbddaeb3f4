"""The mini course with a glossary: two lessons teach terms of one ``glossary.yaml``.

``håndhygiene`` (with a picture) and ``klor`` (a safety term) are taught in both lessons; ``såpe``
in one. The handvask lesson gives ``klor`` its own explanation.
"""

import shutil
from pathlib import Path

from tests.paths import MINI_COURSE

GLOSSARY = """\
- term: håndhygiene
  explanation: Å holde hendene rene.
  picture: sape
  translations: {en: hand hygiene, uk: гігієна рук, ar: نظافة اليدين, ti: ጽሬት ኢድ, so: nadaafadda gacmaha, prs: بهداشت دست, ru: гигиена рук}
- term: klor
  explanation: Et sterkt middel som dreper bakterier.
  safety: true
  translations: {en: chlorine, uk: хлор, ar: الكلور, ti: ክሎሪን, so: koloriin, prs: کلورین, ru: хлор}
- term: såpe
  explanation: Det du vasker hendene med.
  translations: {en: soap, uk: мило, ar: صابون, ti: ሳሙና, so: saabuun, prs: صابون, ru: мыло}
"""

HANDVASK_VOCABULARY = """\
    entries:
      - term: håndhygiene
      - term: klor
        explanation: Klor kan skade huden. Bruk hansker.
"""

RENHOLDSUTSTYR_VOCABULARY = """\
  - type: vocabulary
    entries:
      - term: såpe
      - term: håndhygiene
      - term: klor
"""

KLOR_SO = "koloriin"
KLOR_NOTE = "ikke sjekket av en som har språket som morsmål"


def make_glossary_course(target: Path) -> Path:
    """Copy the mini course to ``target`` and move its vocabulary into a glossary."""
    shutil.copytree(MINI_COURSE, target)
    (target / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    handvask = target / "lessons" / "handvask.yaml"
    text = handvask.read_text(encoding="utf-8")
    start = text.index("    entries:\n      - term: håndhygiene")
    end = text.index("  - type: checklist")
    handvask.write_text(text[:start] + HANDVASK_VOCABULARY + text[end:], encoding="utf-8")
    utstyr = target / "lessons" / "renholdsutstyr.yaml"
    text = utstyr.read_text(encoding="utf-8")
    marker = "  - type: teacher_note"
    utstyr.write_text(text.replace(marker, RENHOLDSUTSTYR_VOCABULARY + marker, 1), encoding="utf-8")
    return target
