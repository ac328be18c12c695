"""The plain text tables: columns padded and aligned, long cells wrapped between words to fit
the width, and a map's control characters shown as pictures whether or not a cell wraps."""

import re

from cjmap.portfolio.formats.plain import sheet_text
from cjmap.portfolio.sheets import Cell, Sheet


def page(rows: list[list[str]], headers: list[str], numeric: list[bool]) -> Sheet:
    return Sheet("backlog", "Backlog", headers, [[Cell(text) for text in row] for row in rows],
                 numeric, footer=[Cell("Total"), Cell("2")], note="a note")


def test_rows_that_fit_are_padded_and_aligned() -> None:
    text = sheet_text(page([["Checkout", "12"], ["Store visit", "3"]], ["Step", "Count"],
                      [False, True]), 100)
    assert text.splitlines() == [
        "Backlog",
        "Step         Count",
        "──────────────────",
        "Checkout        12",
        "Store visit      3",
        "──────────────────",
        "Total            2",
        "a note"]


def test_long_cells_wrap_between_words_within_the_width() -> None:
    long = "a rather long opportunity text that cannot fit on one line of the table"
    lines = sheet_text(page([[long, "7"]], ["Opportunity", "N"], [False, True]), 30).splitlines()
    body = lines[lines.index("Backlog") + 3:-3]
    assert all(len(line) <= 30 for line in lines)
    # The text's column is 27 wide (30 less the gap and the figure's column): the row's
    # lines hold its words in order, and the figure sits on the first line only.
    assert " ".join(line[:27].strip() for line in body) == long
    assert [line[27:] for line in body] == ["  7"] + [""] * (len(body) - 1)
    assert len(body) == 3


def test_control_characters_become_pictures_in_fitted_and_wrapped_cells() -> None:
    fitted = sheet_text(page([["bell\x07", "1"]], ["Step", "N"], [False, True]), 100)
    wrapped = sheet_text(page([["escape\x1b[31m red text that wraps over several lines", "1"]],
                         ["Step", "N"], [False, True]), 24)
    assert "bell␇" in fitted and "\x07" not in fitted
    assert "escape␛[31m" in wrapped and "\x1b" not in wrapped
    assert all(len(line) <= 24 for line in wrapped.splitlines())


def test_coloured_cells_keep_their_columns_on_screen() -> None:
    sheet = Sheet("backlog", "Backlog", ["Step", "Count"],
                  [[Cell("Checkout", "bad"), Cell("12")],
                   [Cell("a store visit that wraps over lines", "muted"), Cell("3", "good")]],
                  [False, True], footer=[Cell("Total"), Cell("15")], note="a note")
    coloured = sheet_text(sheet, 24, color=True)
    assert "\x1b[1;31mCheckout\x1b[0m" in coloured and "\x1b[32m3\x1b[0m" in coloured
    assert "\x1b[1mBacklog\x1b[0m" in coloured and "\x1b[2ma note\x1b[0m" in coloured
    shown = re.sub("\x1b\\[[0-9;]*m", "", coloured)
    assert shown == sheet_text(sheet, 24)
    assert all(len(line) <= 24 for line in shown.splitlines())


def test_wide_characters_and_combining_marks_keep_the_columns_in_line() -> None:
    """Measured, wrapped and padded by terminal cells: a CJK character or an emoji takes two,
    a combining accent none (as a terminal shows them)."""
    from cjmap.diagnostics import cells

    sheet = Sheet("weakest", "Weakest", ["Touchpoint", "Owner", "N"], [
        [Cell("東京の店舗 (Tokyo store)"), Cell("店舗チーム"), Cell("12")],
        [Cell("📱 App"), Cell("Móvil"), Cell("3")],
        [Cell("Cafe\u0301 corner"), Cell("Ops"), Cell("7")],
        [Cell("A long name 長い名前 that wraps over the width of this table"), Cell("x"),
         Cell("1")]], [False, False, True])
    for color in (False, True):
        drawn = re.sub("\x1b\\[[0-9;]*m", "", sheet_text(sheet, 40, color=color))
        lines = drawn.splitlines()
        rows = [line for line in lines[1:] if line.rstrip()[-1:].isdigit() or line == lines[1]]
        # Every row's figure ends where the header's "N" does; its owner starts under "Owner".
        assert {cells(line) for line in rows} == {cells(lines[1])} == {40}
        owner = cells(lines[1][:lines[1].index("Owner")])
        for line, name in zip(rows[1:], ("店舗チーム", "Móvil", "Ops", "x"), strict=True):
            assert cells(line[:line.index(name)]) == owner, line
        assert all(cells(line) <= 40 for line in lines)
        assert "長い名前" in drawn and "Cafe\u0301 corner" in drawn


def test_an_even_table_is_measured_by_code_points() -> None:
    # Accents of Spanish text take one cell each: such a table is drawn as an English one.
    sheet = page([["Página de comparación", "12"]], ["Paso", "N"], [False, True])
    assert sheet_text(sheet, 100).splitlines()[3] == "Página de comparación  12"
