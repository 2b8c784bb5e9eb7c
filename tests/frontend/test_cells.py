"""Text measured in terminal cells: Hangul and CJK take two, accents none, and wrapping and
alignment follow the cells a terminal draws, so Korean never overflows a line. For text of
one-cell characters, wrapping gives exactly the standard library's lines (plain mode's English
must not change by a byte)."""

from __future__ import annotations

import textwrap
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from journey.frontend import cells

HANGUL = "두만강을 건너는 밤은 춥고 어둡다. 강가의 경비병이 잠든 틈을 기다린다."
"""Two cells a syllable; spaces one."""


class TestWidth:
    """How many cells a terminal gives each kind of character."""

    def test_hangul_syllables_take_two_cells(self) -> None:
        assert cells.width("두만강") == 6
        assert cells.width("강 건너") == 2 + 1 + 4

    def test_combining_marks_take_none(self) -> None:
        decomposed = unicodedata.normalize("NFD", "Nguyễn")
        assert len(decomposed) > len("Nguyễn")
        assert cells.width(decomposed) == cells.width("Nguyễn") == 6

    def test_emoji_take_two_cells(self) -> None:
        assert cells.width("🙂") == 2
        assert cells.width("a🙂b") == 4

    def test_east_asian_punctuation_is_wide(self) -> None:
        assert cells.width("「안녕」。") == 2 * 5
        assert cells.width("，") == 2

    def test_conjoining_jamo_make_one_wide_syllable(self) -> None:
        """A syllable written as its letters (NFD), as some Mac file names are, is drawn as one
        syllable: the lead consonant takes two cells, the vowel and the tail none."""
        assert cells.width(unicodedata.normalize("NFD", "강")) == 2


class TestAlign:
    """Columns padded by cells line up whatever script fills them."""

    def test_ljust_pads_wide_text_by_its_cells(self) -> None:
        rows = [cells.ljust(label, 10) + "|" for label in ("Seoul", "서울", "서울특별시")]
        assert [cells.width(row) for row in rows] == [11, 11, 11]
        assert rows[1] == "서울      |"

    def test_rjust_pads_on_the_left(self) -> None:
        assert cells.rjust("강", 5) == "   강"

    def test_text_wider_than_the_column_is_left_whole(self) -> None:
        assert cells.ljust("두만강", 4) == "두만강"
        assert cells.rjust("두만강", 4) == "두만강"

    def test_crop_never_cuts_a_wide_character_in_half(self) -> None:
        assert cells.crop("두만강", 5) == "두만"
        assert cells.crop("두만강", 6) == "두만강"

    def test_crop_keeps_accents_with_their_letter(self) -> None:
        decomposed = unicodedata.normalize("NFD", "éé")
        assert cells.crop(decomposed, 1) == decomposed[:2]


class TestWrap:
    """Lines never wider than asked, counted in cells."""

    def test_hangul_lines_fit_the_width(self) -> None:
        lines = cells.wrap(HANGUL, 20)
        assert len(lines) > 1
        assert all(cells.width(line) <= 20 for line in lines)
        assert " ".join(lines) == HANGUL
        # by code points, textwrap would have let the first line run to 38 cells
        assert max(cells.width(line) for line in textwrap.wrap(HANGUL, 20)) > 20

    def test_indents_count_their_cells(self) -> None:
        lines = cells.wrap(HANGUL, 24, initial_indent="강: ", subsequent_indent="    ")
        assert lines[0].startswith("강: ")
        assert all(line.startswith("    ") for line in lines[1:])
        assert all(cells.width(line) <= 24 for line in lines)

    def test_a_long_word_is_broken_between_whole_characters(self) -> None:
        lines = cells.wrap("가나다라마바사아자차카타파하", 7)
        assert lines == ["가나다", "라마바", "사아자", "차카타", "파하"]

    def test_a_long_word_stays_whole_when_asked(self) -> None:
        word = "가나다라마바사아자차카타파하"
        assert cells.wrap(f"강 {word} 강", 7, break_long_words=False) == ["강", word, "강"]

    def test_a_line_narrower_than_one_character_still_moves_on(self) -> None:
        assert cells.wrap("강강", 1) == ["강", "강"]

    def test_accented_words_break_with_their_accents(self) -> None:
        word = unicodedata.normalize("NFD", "éééééé")
        lines = cells.wrap(word, 4)
        assert [cells.width(line) for line in lines] == [4, 2]
        assert all(not unicodedata.combining(line[0]) for line in lines)

    def test_emoji_wrap_by_their_two_cells(self) -> None:
        lines = cells.wrap("🙂 " * 10, 9)
        assert all(cells.width(line) <= 9 for line in lines)
        assert lines[0] == "🙂 🙂 🙂"

    def test_fill_joins_the_lines(self) -> None:
        assert cells.fill(HANGUL, 20) == "\n".join(cells.wrap(HANGUL, 20))


ONE_CELL_TEXT = st.text(alphabet=st.sampled_from("abcdefghij -\t.,'xyzABC\n"), max_size=120)


@given(text=ONE_CELL_TEXT, width=st.integers(1, 40), hyphens=st.booleans(),
       long_words=st.booleans(), lead=st.sampled_from(["", "  ", "Note: "]),
       hang=st.sampled_from(["", "   "]))
def test_one_cell_text_wraps_exactly_as_textwrap(text: str, width: int, hyphens: bool,
                                                 long_words: bool, lead: str, hang: str) -> None:
    options = dict(initial_indent=lead, subsequent_indent=hang, break_on_hyphens=hyphens,
                   break_long_words=long_words)
    assert cells.wrap(text, width, **options) == textwrap.wrap(text, width, **options)


@given(text=st.text(alphabet=st.sampled_from("강두만 가-🙂é\u0301,。"), max_size=80),
       width=st.integers(2, 30))
def test_wide_text_never_overflows_and_loses_nothing(text: str, width: int) -> None:
    lines = cells.wrap(text, width)
    assert all(cells.width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


class TestEmojiSequences:
    """Emoji made of several code points are measured as the one emoji a terminal draws."""

    def test_a_skin_tone_joins_its_emoji(self) -> None:
        assert cells.width("👍🏽") == 2

    def test_joined_emoji_are_measured_as_their_first(self) -> None:
        family = "👩\u200d👩\u200d👧"
        assert cells.width(family) == 2
        assert cells.crop(family + "x", 2) == family

    def test_a_soft_hyphen_is_drawn(self) -> None:
        assert cells.width("co\u00adop") == 5


SCRIPTS = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),   # Hangul syllables
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),   # CJK ideographs
    st.characters(min_codepoint=0x3000, max_codepoint=0x303F),   # CJK punctuation
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF60),   # fullwidth forms
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),   # combining accents
    st.characters(min_codepoint=0x1F600, max_codepoint=0x1F64F),  # emoji faces
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x00C0, max_codepoint=0x024F),   # accented Latin
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF)),  # Cyrillic
    max_size=40)


@given(SCRIPTS)
def test_widths_agree_with_the_tables_the_app_draws_with(text: str) -> None:
    """Textual lays the app out with Rich's width tables; plain mode's widths match them for
    every script a translation or a scenario is likely to use."""
    from rich.cells import cell_len

    assert cells.width(text) == cell_len(text)
