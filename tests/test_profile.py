"""newsdump.profile: loading and checking TOML profiles, and what a profile
changes in the parser (dates, result wording, captions, notes)."""

import re

import pytest
from newsdump.lines import Kind
from newsdump.parser import parse_text
from newsdump.patterns import PatternTimeout
from newsdump.profile import TIMESCA, ProfileError, compile_rules, load_profile

from tests.conftest import SAMPLES

VESTNIK = SAMPLES / "vestnik.toml"


def vestnik():
    return load_profile(VESTNIK.read_text(encoding="utf-8"))


def test_the_written_out_timesca_profile_is_the_builtin_one():
    assert load_profile((SAMPLES / "timesca.toml").read_text(encoding="utf-8")) == TIMESCA


def test_a_profile_changes_only_the_keys_it_gives():
    profile = load_profile('name = "x"\n[dates]\ndayfirst = false\n')
    assert (profile.name, profile.dayfirst) == ("x", False)
    assert profile.results == TIMESCA.results and profile.note_openings == TIMESCA.note_openings


@pytest.mark.parametrize(
    "text, message",
    [
        ("[dates]\nmonts = []", "dates.monts: unknown key (known: dayfirst, formats, months, skip_words, weekdays)"),
        (
            "[date]\nmonths = []",
            "date: unknown key (known: name, [results], [dates], [captions], [notes], [boilerplate], "
            "[bylines], [read_more], [layout])",
        ),
        ("colour = 1", "colour: unknown key"),
        ('results = "Viewing"', "results: expected a table"),
        ('[results]\npatterns = ["Viewing (?P<first>\\\\d+"]', "results.patterns[0]: bad pattern"),
        ('[results]\npatterns = ["Viewing (\\\\d+)-(\\\\d+)"]', "results.patterns: needs the named groups"),
        ("[results]\npatterns = []", "results.patterns: expected at least one"),
        ('[results]\npatterns = "Viewing"', "results.patterns: expected a list of non-empty strings"),
        ('[captions]\ncredit_words = ["фото", "("]', "captions.credit_words[1]: bad pattern"),
        ('[notes]\nopenings = ["Note", 3]', "notes.openings: expected a list of non-empty strings"),
        ('[dates]\nmonths = [["января"]]', "dates.months: expected a list of 12 entries"),
        ('[dates]\ndayfirst = "yes"', "dates.dayfirst: expected true or false"),
        ("name = ", "not valid TOML"),
    ],
)
def test_a_bad_profile_names_the_key_at_fault(text, message):
    with pytest.raises(ProfileError) as err:
        load_profile(text)
    assert str(err.value).startswith(message), str(err.value)


def test_russian_dates_through_the_profile():
    date = compile_rules(vestnik()).date
    assert date("18 декабря 2025") == "2025-12-18"
    assert date("Четверг, 18 декабря 2025 г.") == "2025-12-18"
    assert date("9 дек 2025") == "2025-12-09"
    assert date("19.12.2025") == "2025-12-19"
    assert date("18 December 2025") == "2025-12-18"  # English month names still work
    assert date("Показаны материалы 1–6 из 240") is None
    assert compile_rules(TIMESCA).date("18 декабря 2025") is None


def test_date_formats_and_month_first():
    rules = compile_rules(load_profile('[dates]\nformats = ["%Y%m%d"]\ndayfirst = false'))
    assert rules.date("20251209") == "2025-12-09"
    assert rules.date("12/9/2025") == "2025-12-09"


def test_result_wording_captions_and_notes_through_the_profile():
    rules = compile_rules(vestnik())
    counts = rules.results("Показаны материалы 7–12 из 1 066")
    assert (counts.first, counts.last, counts.total) == (7, 12, 1066)
    assert rules.results("Viewing results 7 - 12 of 1066") is None  # the profile replaced the wording
    assert rules.is_caption("Ремонт теплотрассы в Павлодаре; фото: пресс-служба акимата")
    assert not rules.is_caption("Ремонт теплотрассы в Павлодаре продолжится весной.")
    assert rules.is_note("Мнение автора может не совпадать с позицией редакции.")
    assert not rules.is_note("The views expressed in this article are the author's own.")


def test_the_second_site_needs_its_profile():
    text = (SAMPLES / "vestnik.txt").read_text(encoding="utf-8")
    with_profile = parse_text(text, "v", compile_rules(vestnik()))
    without = parse_text(text, "v")
    assert [p.record.page_date for p in with_profile] == ["2025-12-18", "2025-12-19", "2025-12-20"]
    assert [p.record.page_date for p in without] == [None, "2025-12-19", None]  # only the numeric date is read
    assert [p.record.results for p in without] == [None, None, None]
    assert [a.author for a in with_profile[2].articles] == ["Айгерим Садыкова", "Тимур Асанов", None]
    assert all(a.author is None for a in without[2].articles)  # "Автор:" is no byline for timesca
    assert with_profile[1].articles[0].notes == ("Мнение автора может не совпадать с позицией редакции.",)


def test_note_openings_that_do_not_start_with_a_letter():
    rules = compile_rules(load_profile("[notes]\nopenings = ['\\(Editor\\)', '[*]\\s*Note']"))
    assert rules.test(Kind.NOTE).initials is None  # no cheap first-character test: every line is matched
    text = "Water Wars\n\nRivers run dry.\n\n(Editor) Updated on Monday.\n\n* Note: figures are estimates.\n"
    article = parse_text(text, "x", rules)[0].articles[0]
    assert article.notes == ("(Editor) Updated on Monday.", "* Note: figures are estimates.")


@pytest.mark.parametrize(
    "text, message",
    [
        ("[layout]\nsubheading_max_words = 0", "layout.subheading_max_words: expected a whole number from 1 to 25"),
        ("[layout]\ntitle_max_words = true", "layout.title_max_words: expected a whole number"),
        ("[layout]\nsubheading_max_words = 9\ntitle_max_words = 9", "layout.subheading_max_words: must be below"),
        ("[bylines]\nopenings = ['(']", "bylines.openings[0]: bad pattern"),
        ("[read_more]\nline = []", "read_more.line: unknown key (known: lines)"),
    ],
)
def test_the_segmenter_keys_are_checked(text, message):
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(text)


def test_the_segmenter_keys_reach_the_rules():
    rules = compile_rules(
        load_profile("[bylines]\nopenings = []\n[read_more]\nlines = ['Далее']\n[layout]\nsubheading_max_words = 3")
    )
    assert rules.profile.subheading_max_words == 3
    assert rules.test(Kind.BYLINE)("• Written by Ann Lee") is None  # no bylines on this site
    assert rules.test(Kind.CONTINUE)("Далее →") == "Далее →"
    assert rules.drop_read_more("Текст. Далее") == "Текст."


@pytest.mark.parametrize(
    "table, key, kind", [("read_more", "lines", Kind.CONTINUE), ("bylines", "openings", Kind.BYLINE)]
)
def test_the_segmenter_keys_are_bounded_in_time(table, key, kind):
    rules = compile_rules(load_profile(f"[{table}]\n{key} = ['(a|aa)+$']"))
    with pytest.raises(PatternTimeout, match=f"^{table}.{key}: a pattern took more than"):
        rules.test(kind)("a" * 36 + "b")
