import pytest
from newsdump.shortcodes import extract_shortcodes, removed_shortcodes


@pytest.mark.parametrize(
    "line, text, captions",
    [
        (
            'a [caption id="attachment_1" align="aligncenter" width="2560"] Pic one; image: TCA[/caption] b',
            "a b",
            ("Pic one; image: TCA",),
        ),
        ('[caption id="1"]<img src="x.jpg" /> Pic; image: TCA[/caption]', "", ("Pic; image: TCA",)),
        ('x [caption id="1"]One[/caption] y [caption id="2"]Two[/caption] z', "x y z", ("One", "Two")),
        ('Watch [video width="640" mp4="a.mp4"][/video] this', "Watch this", ()),
        ('[video mp4="a.mp4"]https://example.org/a.mp4[/video]', "", ()),
        ('Gallery [gallery ids="1,2,3"] here', "Gallery here", ()),
        ("Keep [sic] and [1] and [the ministry]", "Keep [sic] and [1] and [the ministry]", ()),
        ("No shortcodes at all", "No shortcodes at all", ()),
        (
            'Cut teaser [caption id="9" width="1"] Freight cars wait; image: TCA...',
            "Cut teaser ...",
            ("Freight cars wait; image: TCA",),
        ),
        ("stray [/caption] closer", "stray closer", ()),
    ],
)
def test_extract_shortcodes(line, text, captions):
    assert extract_shortcodes(line) == (text, captions)


@pytest.mark.parametrize("line", ["[a b]" * 50_000, "[/a]" * 50_000, "[" * 200_000, '[caption a="b"]' + "x[" * 50_000])
def test_pathological_brackets_finish(line):
    text, _ = extract_shortcodes(line)  # linear time: these would hang a backtracking pattern
    assert isinstance(text, str)


def test_an_open_caption_keeps_the_teasers_marker_and_invents_none():
    assert extract_shortcodes('Teaser [caption id="1"] Pic cut...') == ("Teaser ...", ("Pic cut",))
    assert extract_shortcodes('Teaser [caption id="1"] Pic cut') == ("Teaser", ("Pic cut",))


@pytest.mark.parametrize(
    "line, removed",
    [
        ('a [caption id="1"] Pic; image: TCA[/caption] b', ['[caption id="1"] Pic; image: TCA[/caption]']),
        (
            'Watch [video mp4="a.mp4"][/video] this [gallery ids="1"]',
            ['[video mp4="a.mp4"][/video]', '[gallery ids="1"]'],
        ),
        ('Teaser [caption id="1"] Pic cut…', ['[caption id="1"] Pic cut']),
        ("stray [/b] close and [sic]", ["[/b]"]),
        ("Keep [sic] and [1]", []),
        ("no brackets", []),
    ],
)
def test_removed_shortcodes_are_the_pieces_taken_out(line, removed):
    assert removed_shortcodes(line) == removed


@pytest.mark.parametrize(
    "line, want",
    [
        ('The river[video mp4="x.mp4"][/video]rose again.', "The river rose again."),
        ('The river [video mp4="x.mp4"][/video] rose again.', "The river rose again."),
        ('It rose[video mp4="x.mp4"][/video].', "It rose."),
        ('(see[gallery ids="1"])', "(see)"),
        ("Rivers[/b]rise", "Rivers rise"),
        ('Text[caption id="1"] Pic; image: TCA[/caption]goes on', "Text goes on"),
    ],
)
def test_removing_a_shortcode_does_not_glue_the_words_beside_it(line, want):
    assert extract_shortcodes(line)[0] == want
