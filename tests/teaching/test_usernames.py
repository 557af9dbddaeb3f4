"""Usernames from names in any script: transliterated, never a neutral ``deltaker2``."""

import pytest

from ksi_courses.teaching.usernames import username_base


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Олена", "Коваль", "olena.koval"),  # Russian-looking Cyrillic: the soft sign is dropped
        ("Наталья", "Соловьёва", "natalya.soloveva"),
        ("Ірина", "Гнатюк", "iryna.hnatiuk"),  # Ukrainian (і): г → h, и → y, ю → iu
        ("Євгенія", "Їжак", "yevheniia.yizhak"),  # є ї at the start of a word: ye, yi
        ("Юрій", "Щербак", "yurii.shcherbak"),
        ("Ігор", "Згурський", "ihor.zghurskyi"),  # зг → zgh, not zh
        ("أمينة", "حسن", "amina.hsn"),  # Arabic: long vowels written, short ones are not
        ("محمد", "علي", "mhmd.ali"),
        ("يوسف", "عبد الله", "yusf.allh"),  # و after a letter is u; the last surname word counts
        ("فاطمة", "الزهراء", "fatma.alzhra"),
        ("زهرا", "رضایی", "zhra.rdaii"),  # Dari letters (ی)
        ("ዮናስ", "ተስፋይ", "yonas.tesfay"),  # Tigrinya through anyascii
        ("Amina", "Hassan", "amina.hassan"),
        ("😀", "", "deltaker"),  # nothing to spell: the neutral name
    ],
)
def test_names_in_other_scripts_get_readable_usernames(first, last, expected):
    assert username_base(first, last) == expected
