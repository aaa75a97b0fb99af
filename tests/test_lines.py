import pytest
from newsdump.lines import byline, drop_trailing_continue, is_caption, is_continue, is_heading, is_note


@pytest.mark.parametrize(
    "line, name",
    [
        ("• Written by Jane Doe", "Jane Doe"),
        ("Written by Jane Doe", "Jane Doe"),
        ("• By Ann Lee", "Ann Lee"),
        ("By the Numbers: Kazakhstan’s Budget", None),
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
