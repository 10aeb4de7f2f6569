"""The edits an editor makes to the proposed pairs on the import page."""

from articles.importing.proposal import EDITED, edit, rows_of, with_rows
from bilingual.parser import Pair, parse_text

TEXT = (
    "The city grew fast last year.\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
    "这座城市去年发展很快。\n"
)


def rows():
    return rows_of(parse_text(TEXT))


def sides(rows):
    return [(row["en"], row["zh_hans"]) for row in rows]


def test_the_proposal_starts_as_the_parsers_pairs():
    assert sides(rows()) == [
        ("The city grew fast last year.", ""),
        ("Factories opened across the region.", "全区新开了许多工厂。"),
        ("", "这座城市去年发展很快。"),
    ]


def test_merge_with_next_joins_a_lone_english_to_the_chinese_below():
    proposal = edit(rows(), "junk", 1)
    merged = edit(proposal, "merge", 0)

    assert sides(merged) == [
        ("The city grew fast last year.", "这座城市去年发展很快。")
    ]
    assert (merged[0]["line_en"], merged[0]["line_zh_hans"]) == (1, 4)
    assert merged[0]["confidence"] is None and merged[0]["reason"] == EDITED


def test_swap_exchanges_the_sides_and_their_lines():
    swapped = edit(rows(), "swap", 1)

    assert sides(swapped)[1] == (
        "全区新开了许多工厂。",
        "Factories opened across the region.",
    )
    assert (swapped[1]["line_en"], swapped[1]["line_zh_hans"]) == (3, 2)


def test_split_without_a_line_break_parts_the_two_sides():
    split = edit(rows(), "split", 1)

    assert sides(split)[1:3] == [
        ("Factories opened across the region.", ""),
        ("", "全区新开了许多工厂。"),
    ]
    assert (split[1]["line_en"], split[2]["line_zh_hans"]) == (2, 3)


def test_split_at_line_breaks_typed_into_the_text():
    proposal = rows()
    proposal[1]["en"] = "Factories opened.\nAcross the region."
    proposal[1]["zh_hans"] = "工厂开了。\n遍布全区。"

    split = edit(proposal, "split", 1)

    assert sides(split)[1:3] == [
        ("Factories opened.", "工厂开了。"),
        ("Across the region.", "遍布全区。"),
    ]


def test_move_a_side_into_the_other_language():
    proposal = rows()
    proposal[0]["en"] = "这座城市。"

    moved = edit(proposal, "move-en", 0)
    back = edit(moved, "move-zh", 0)

    assert sides(moved)[0] == ("", "这座城市。")
    assert moved[0]["line_zh_hans"] == 1
    assert sides(back)[0] == ("这座城市。", "")


def test_an_unknown_edit_or_row_changes_nothing():
    proposal = rows()

    assert edit(proposal, "explode", 0) == proposal
    assert edit(proposal, "swap", 7) == proposal
    assert edit(proposal, "merge", 2) == proposal


def test_edits_never_change_the_rows_they_were_given():
    proposal = rows()
    before = [dict(row) for row in proposal]

    edit(proposal, "swap", 0)
    edit(proposal, "merge", 0)

    assert proposal == before


def test_the_edited_rows_replace_the_pairs_and_their_pairing_findings():
    parsed = parse_text(TEXT)
    fixed = edit(edit(rows(), "junk", 1), "merge", 0)

    article = with_rows(parsed, fixed)

    assert article.pairs == (
        Pair("The city grew fast last year.", "这座城市去年发展很快。", 1, 4),
    )
    assert not [f for f in article.findings if f.kind in ("paired", "unpaired")]
    assert article.credits == parsed.credits
