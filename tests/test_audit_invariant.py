"""The audit invariant (see tests/accounting.py) on every sample, on noisy
text and on shortcode and marker soup (generated dumps in every variant:
tests/test_properties.py); and proof that it catches a parser that drops a
paragraph."""

import newsdump.articles
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.accounting import check_accounting
from tests.conftest import SAMPLES
from tests.dumpgen import dumps
from tests.test_properties import NOISY_TEXT
from tests.test_samples import rules

DUMPS = sorted(SAMPLES.glob("*.txt"))

# Lines built from the pieces the audit has to account for, in any order.
PIECES = st.lists(
    st.sampled_from(
        [
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "\u00a0",
            "A Short Title",
            "A sentence of the body.",
            "and more words",
            "...",
            "…",
            "[...]",
            " Continue reading",
            "Continue reading",
            '[caption id="1" width="9"]',
            "<img src='x.jpg'>",
            "Pic; image: TCA",
            "[/caption]",
            '[video mp4="a.mp4"]',
            "[/video]",
            '[gallery ids="1,2"]',
            "[/b]",
            "[sic]",
            "• Written by Ann Lee",
            "• KZT/USD = 0.00195 -0%",
            "• KZT/USD = 0.00195 -0%\n",
            "18 December 2025",
            "Viewing results 1 - 6 of 9",
            "The views expressed here are the author's.",
        ]
    ),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_every_sample_line_is_accounted_for(dump):
    check_accounting(dump.read_text(encoding="utf-8"), dump.name, rules(dump))


# Generated dumps in every variant: tests/test_properties.py::test_generated_dumps checks the invariant
# on each, with the parse-back and schema checks (one draw of a dump, three checks).


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(dumps(mixed=True))
def test_generated_mixed_pages_are_accounted_for(case):
    """Also the pages whose layout only the rest of the page decides (issue 12)."""
    check_accounting(case[0])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOISY_TEXT)
def test_noisy_text_is_accounted_for(text):
    check_accounting(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PIECES)
def test_shortcode_and_marker_soup_is_accounted_for(text):
    check_accounting(text)


# The same, for the second site's profile (Russian dates, result wording, credits, notes).
RUSSIAN_PIECES = st.lists(
    st.sampled_from(
        [
            "\n",
            "\n\n",
            " ",
            "Заголовок новости",
            "Текст новости о погоде.",
            "…",
            "▪ USD/RUB = 81,2450 +0,12%\n",
            "Четверг, 18 декабря 2025 г.",
            "19.12.2025",
            "Показаны материалы 7–12 из 1 066",
            "; фото: пресс-служба",
            "Мнение автора может не совпадать с позицией редакции.",
            '[caption id="1"]',
            "[/caption]",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RUSSIAN_PIECES)
def test_second_site_text_is_accounted_for_with_its_profile(text):
    check_accounting(text, "v", rules(SAMPLES / "vestnik.txt"))


def test_a_parser_that_drops_a_paragraph_fails_the_invariant(monkeypatch):
    text = (DUMPS[0].parent / "full.txt").read_text(encoding="utf-8")
    check_accounting(text)
    real = newsdump.articles.assemble

    def lossy(items, *args):
        drafts, unassigned = real(items, *args)
        for draft in drafts:
            if len(draft.paragraphs) > 2:
                del draft.paragraphs[1]  # a paragraph vanishes without a trace
                break
        return drafts, unassigned

    monkeypatch.setattr(newsdump.articles, "assemble", lossy)  # the parser's path; the audit keeps the real one
    with pytest.raises(AssertionError, match="not in its article"):
        check_accounting(text)
