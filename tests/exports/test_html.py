"""Template helpers: Norwegian number, time and alphabetical formats."""

from exports.html import decimal, minutes, nb_sort_key


def test_norwegian_alphabetical_order_puts_ae_oe_aa_last():
    words = ["åpen", "zink", "ørret", "Ærlig", "avfall", "Bøtte", "bål"]
    assert sorted(words, key=nb_sort_key) == ["avfall", "Bøtte", "bål", "zink", "Ærlig", "ørret", "åpen"]


def test_minutes_and_decimals():
    assert [minutes(45), minutes(60), minutes(90)] == ["45 min", "1 t", "1 t 30 min"]
    assert [decimal(2), decimal(2.5), decimal(37.5)] == ["2", "2,5", "37,5"]
