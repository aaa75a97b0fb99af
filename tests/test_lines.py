import pytest
from newsdump.auditing import REASONS as AUDIT_REASONS
from newsdump.lines import (
    KINDS,
    REASONS,
    Kind,
    byline,
    byline_test,
    cut_tail,
    drop_trailing_continue,
    ends_truncated,
    is_caption,
    is_continue,
    is_heading,
    is_note,
    kind_of,
    read_more_test,
    strip_closers,
    trailing_read_more,
)
from newsdump.profile import DEFAULT_RULES


@pytest.mark.parametrize(
    "line, name",
    [
        ("• Written by Jane Doe", "Jane Doe"),
        ("Written by Jane Doe", "Jane Doe"),
        ("• By Ann Lee", "Ann Lee"),
        ("By the Numbers: Kazakhstan’s Budget", None),
        # A list item that starts with "By" is a sentence, not a name (a name starts like one).
        ("• By 2028, renewables will supply a tenth of power.", None),
        ("• By then, the herders had moved their flocks south.", None),
        ("• Written by Ömer Çelik", "Ömer Çelik"),
        ("• By our correspondent", "our correspondent"),
        ("• Written by admin", "admin"),
        ("• Written by 24.kg", "24.kg"),
        ("• By Jane Doe, Staff Writer", "Jane Doe, Staff Writer"),
        ("Автор: Айгуль Сапарова", None),  # not a timesca opening
        (
            "Written by hand, the letters survived the war and "
            "were found in an attic in Almaty by the grandchildren of the man who wrote them",
            None,
        ),
    ],
)
def test_byline(line, name):
    assert byline(line) == name


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Continue reading", True),
        ("Continue reading →", True),
        ("Continue reading...", True),
        ("Read more »", True),
        ("Continue reading the report, the minister urged.", False),
    ],
)
def test_is_continue(line, expected):
    assert is_continue(line) is expected


def test_drop_trailing_continue():
    assert drop_trailing_continue("The teaser... Continue reading") == "The teaser..."
    assert drop_trailing_continue("Nothing to drop.") == "Nothing to drop."


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Officials meet in Astana on August 25, 2025; image Japan MOFA", True),
        ("In Aqkol, residents wait for smart bus stops; image: TCA, Manon Madec.", True),
        ("Trucks queue at the border | Photo: Reuters", True),
        ("The image of the city has changed; residents say the new parks are popular.", False),
        ("The ministry published an image: a map of the new route.", False),
        # The credit as a sentence of its own after the caption: "... October. Photo: Agency".
        ("Cranes unload containers at the port of Aktau in October. Photo: Orda Press", True),
        ("Herders move their flocks to winter pastures. Image: Wikimedia Commons", True),
        ("The bridge after its reopening. Photo credit: City Hall", True),
        ("Pictures of the flood spread quickly. Photos taken by residents showed the damage.", False),
        ("Oil output rose 5% in 2025, the ministry said. Source: Ministry of Energy", False),
        ("Exports fell for a third month in a row. Photo: AP " + "and more words " * 20, False),
        ("The dam was finished in 1962. Photo archives show the valley before the water came.", False),
    ],
)
def test_is_caption(line, expected):
    assert is_caption(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("The views expressed in this article are those of the author and do not reflect...", True),
        ("Editor’s note: this article was updated on 3 March.", True),
        ("Disclaimer: the author holds shares in the company.", True),
        ("The views of residents were mixed.", False),
        # A disclaimer marked with a footnote star.
        ("*The views expressed in this article are the author’s own.", True),
        ("* Editor’s note: names were changed at the request of the families.", True),
        ("*Update: the meeting was moved to Friday.", False),
    ],
)
def test_is_note(line, expected):
    assert is_note(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Strategic Engagement", True),
        ("Water Wars", True),
        ("Can Almaty Fix Its Smog Problem?", True),
        ("“We Will Not Retreat,” Says Tokayev", True),
        ("Kazakhstan Signs Deal With the U.S.", True),
        ("iPhone Sales Jump in Tashkent", True),
        ("He left the room.", False),
        ("He said: “We will win.”", False),
        ("and then the talks collapsed", False),
        (
            "The talks went on until late at night, and the delegations agreed to meet again in the spring to "
            "finish the text of the agreement on water sharing",
            False,
        ),
        ("Ministers said...", False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


def test_a_teaser_ending_in_continue_reading_is_not_a_heading():
    assert not is_heading("Short teaser... Continue reading")
    assert not is_heading("Short teaser Continue reading")
    assert is_heading("Continue Reading Habits Decline")


def test_every_kind_is_one_entry_of_the_table_in_order():
    assert [entry.kind for entry in KINDS] == list(Kind)
    assert {kind: REASONS[kind] for kind in Kind if REASONS[kind]} == {
        Kind.SHORTCODE: "shortcode",
        Kind.CONTINUE: "continue",
        Kind.BYLINE: "byline",
    }
    assert set(REASONS.values()) - {None} <= set(AUDIT_REASONS)


@pytest.mark.parametrize(
    "line, kind, kept",
    [
        ("", Kind.SHORTCODE, ""),
        ("Continue reading →", Kind.CONTINUE, "Continue reading →"),
        ("• By Ann Lee", Kind.BYLINE, "Ann Lee"),
        ("Editor's note: updated.", Kind.NOTE, "Editor's note: updated."),
        ("Pic; image: TCA", Kind.CAPTION, "Pic; image: TCA"),
        ("Water Wars", Kind.HEADING, "Water Wars"),
        ("He left.", Kind.PARAGRAPH, "He left."),
    ],
)
def test_kind_of(line, kind, kept):
    assert kind_of(line, DEFAULT_RULES.lines) == (kind, kept)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Новые котельные", True),
        ("«Мы не отступим», — заявил министр", True),
        ("Соглашение подписали в С.Ш.А.", True),
        ("Министр покинул зал.", False),
        ("и тогда переговоры сорвались", False),
        ("Он сказал: «Мы победим.»", False),
        ("Цены выросли…", False),
        ("Ελληνικά Νέα", True),
    ],
)
def test_headings_in_any_script(line, expected):
    assert is_heading(line) is expected


def test_truncation_marks_and_closing_quotes_are_one_set():
    assert ends_truncated("He said “the talks went on…”")
    assert ends_truncated("Prices rose [...]") and ends_truncated("Цены выросли […]")
    assert not ends_truncated("Prices rose.")
    assert strip_closers("«Мы победим»") == "«Мы победим" and strip_closers("(“Go.”)") == "(“Go."
    assert cut_tail("Prices rose [...]") == ("Prices rose", "", "[...]")
    # The HTML entity a scraper may leave (an RSS excerpt's end).
    assert cut_tail("Prices rose [&hellip;]") == ("Prices rose", "", "[&hellip;]")
    assert cut_tail("Prices rose&hellip;") == ("Prices rose", "", "&hellip;")
    assert ends_truncated("Prices rose [&hellip;]") and not is_heading("Prices Rose Again [&hellip;]")


def test_a_read_more_phrase_ends_a_teaser_only_with_a_capital():
    assert drop_trailing_continue("The teaser Read more") == "The teaser"
    assert drop_trailing_continue("Click the link to read more.") == "Click the link to read more."


def test_profile_bylines_and_read_more_lines():
    tests = byline_test([r"Автор\s*:", r"Текст\s*:", "By"])
    assert tests("Автор: Айгерим Садыкова") == "Айгерим Садыкова"
    assert tests("• Текст: Тимур Асанов") == "Тимур Асанов"
    assert tests("By the Numbers: Budget") is None  # a one-word opening needs a bullet
    assert tests("• By Ann Lee") == "Ann Lee"
    more = read_more_test([r"Читать\s+далее", "Подробнее"])
    assert more("Читать далее →") == "Читать далее →" and more("Подробнее") == "Подробнее"
    assert more("Подробнее о бюджете читайте в докладе министерства") is None
    assert trailing_read_more(["Подробнее"])("Цены выросли. Подробнее") == "Цены выросли."
