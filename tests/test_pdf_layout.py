"""The layout rules of the PDF reader, on runs placed by hand (no PDF library needed).

Each test places runs as a published PDF prints them (LibreOffice writing a
table cell by cell, a footer date, a justified line printed word by word, a
paragraph cut by a page break) and checks what the reader makes of them.
"""

from __future__ import annotations

from lcsprlint.readers.pdf_layout import (
    Metrics,
    Para,
    Run,
    Table,
    Words,
    confirm_labels,
    drop_running,
    find_tables,
    join,
    paragraphs,
    unstretch,
)

STEP = 14.7
M = Metrics(size=11.0, step=STEP, margin=90.0, width=430.0, spaced=True, char=0.5)
M_TIGHT = Metrics(size=11.0, step=STEP, margin=90.0, width=430.0, spaced=False, char=0.5)


def run(text: str, y: float, left: float = 90.0, right: float | None = None, **kw) -> Run:
    page = kw.pop("page", 1)
    size = kw.pop("size", 11.0)
    right = left + 5.5 * len(text) if right is None else right
    return Run(text, page, y, left, right, size, y_end=y, **kw)


def no_rules(page: int) -> list[float]:
    return []


# -- running headers and footers ------------------------------------------------------


def _page(n: int, body: list[Run], header: str = "Northvale Safeguarding Children Partnership"):
    return [
        run(header, 40.0, page=n),
        *body,
        run("OFFICIAL", 800.0, page=n),
        run(f"Page {n} of 4", 800.0, left=480.0, page=n, joined=True),
    ]


BODY = [
    "The review looked at the help given to the family.",
    "Practitioners were committed and visited often.",
    "The plan recorded what was done, not what changed.",
    "Information held by police and health was not joined up.",
    "The same problem had been seen in two earlier reviews.",
]


def _body(n: int) -> list[Run]:
    return [run(BODY[(n + k) % len(BODY)], 100.0 + 15 * k, page=n) for k in range(4)]


def test_running_lines_go_and_the_same_text_elsewhere_stays() -> None:
    title = run("Northvale Safeguarding Children Partnership", 70.0)
    pages = [_page(1, [title, *_body(1)]), *(_page(n, _body(n)) for n in (2, 3, 4))]
    texts = [r.text for r in drop_running(pages)]
    # the partnership's name on the title page is not the running header above it
    assert texts[0] == "Northvale Safeguarding Children Partnership"
    assert "OFFICIAL" not in texts and not any(t.startswith("Page ") for t in texts)
    assert len(texts) == 17


def test_dates_at_page_feet_and_a_year_in_a_table_are_not_page_furniture() -> None:
    pages = [
        [
            *_body(n),
            run(f"{n + 20}/08/2023", 700.0, page=n),  # a chronology table's first column
            run("2024", 700.0 + 15 * n, left=400.0, page=n),  # a date cell's second line
            run(str(n), 800.0, left=300.0, page=n),
        ]
        for n in (1, 2, 3)
    ]
    texts = [r.text for r in drop_running(pages)]
    assert [t for t in texts if t.endswith("/08/2023")] == [
        "21/08/2023",
        "22/08/2023",
        "23/08/2023",
    ]
    assert texts.count("2024") == 3  # a number that does not count the pages stays
    assert not {"1", "2", "3"} & set(texts)  # the page numbers go


# -- justified lines and list labels ----------------------------------------------------


def test_a_justified_line_printed_word_by_word_is_one_line_again() -> None:
    words = ["Looked-after", "children's", "health", "team", "assessments"]
    runs, x = [], 90.0
    for k, w in enumerate(words):
        r = run(w, 100.0, left=x, joined=k > 0)
        r.gap = 11.9 if k else 0.0
        runs.append(r)
        x = r.right + 11.9
    runs[-1].right = 520.0  # the line reaches the column's right edge
    runs.append(run("A full line of body text that sets the right edge of the column.", 115.0))
    runs[-1].right = 520.0
    out = unstretch(runs)
    assert out[0].text == " ".join(words)


def test_a_table_row_with_even_gaps_is_not_taken_for_a_justified_line() -> None:
    cells = [("Schools (three settings)", 62.0), ("Both", 265.0), ("Education", 400.0)]
    runs = []
    for k, (text, x) in enumerate(cells):
        r = run(text, 100.0, left=x, joined=k > 0)
        r.gap = 60.0 if k else 0.0
        runs.append(r)
    runs.append(run("A full line of body text that sets the right edge of the column.", 130.0))
    runs[-1].right = 520.0
    assert [r.text for r in unstretch(runs)][:3] == [c for c, _ in cells]


def test_a_label_needs_a_tab_a_hanging_indent_or_aligned_neighbours() -> None:
    hanging = [
        run("1. How well did agencies understand who was living", 100.0, label=3, body=108.0),
        run("in the home?", 114.7, left=108.0),
    ]
    justified = [
        run("1. The review found that the plan was", 100.0, label=3, body=104.0),
        run("not reviewed when the family moved.", 114.7),
    ]
    assert confirm_labels(hanging)[0].label == 3
    assert confirm_labels(justified)[0].label == 0


# -- tables ---------------------------------------------------------------------------


def test_a_table_written_cell_by_cell_comes_out_row_by_row() -> None:
    # LibreOffice prints each cell whole before the next: the row's second line comes
    # after its other cells, and the third cell of row 2 after the wrapped second one.
    runs = [
        run("Paragraph before the table, long enough to reach the margin here.", 60.0),
        run("Role", 90.0),
        run("Organisation", 90.0, left=234.0, joined=True),
        run("Date", 90.0, left=378.0, joined=True),
        run("Chief Executive", 115.0),
        run("NHS Westholme Integrated", 115.0, left=234.0, joined=True),
        run("Care Board", 129.7, left=234.0),
        run("30 July 2024", 115.0, left=378.0),
        run("Chief Constable", 154.4),
        run("Westholme Police", 154.4, left=234.0, joined=True),
        run("30 July 2024", 154.4, left=378.0, joined=True),
        run("Paragraph after the table, long enough to reach past the columns.", 190.0),
    ]
    items = find_tables(runs, M, no_rules)
    tables = [i for i in items if isinstance(i, Table)]
    assert len(tables) == 1
    assert [cells for _, cells in tables[0].rows] == [
        ["Role", "Organisation", "Date"],
        ["Chief Executive", "NHS Westholme Integrated Care Board", "30 July 2024"],
        ["Chief Constable", "Westholme Police", "30 July 2024"],
    ]
    assert isinstance(items[0], Run) and isinstance(items[-1], Run)


def test_rules_split_rows_whose_cells_are_centred_in_tall_rows() -> None:
    # fpdf2 centres a short cell in a tall row: "1" prints level with the third line
    # of the row's text, and nothing but the rules says where rows end.
    runs = [
        run("No.", 80.0, left=62.0),
        run("Recommendation", 80.0, left=98.0, joined=True),
        run("Owner", 80.0, left=315.0, joined=True),
        run("1", 130.0, left=62.0),
        run("Revise the templates so that every", 100.0, left=98.0),
        run("contact asks who lives in the home,", 115.0, left=98.0),
        run("and records any men caring for the", 130.0, left=98.0),
        run("baby.", 145.0, left=98.0),
        run("ICB", 122.5, left=315.0),
        run("2", 175.0, left=62.0),
        run("Review MASH staffing and demand.", 175.0, left=98.0),
        run("Lead partners", 175.0, left=315.0),
    ]
    rules = [88.0, 155.0, 185.0]
    [table] = [i for i in find_tables(runs, M, lambda page: rules) if isinstance(i, Table)]
    assert [cells for _, cells in table.rows] == [
        ["No.", "Recommendation", "Owner"],
        [
            "1",
            "Revise the templates so that every contact asks who lives in the home, "
            "and records any men caring for the baby.",
            "ICB",
        ],
        ["2", "Review MASH staffing and demand.", "Lead partners"],
    ]


def test_a_header_row_repeated_on_the_next_page_is_dropped() -> None:
    def row(cells: list[str], y: float, page: int) -> list[Run]:
        xs = (62.0, 200.0, 400.0)
        return [
            run(c, y, left=x, page=page, joined=k > 0)
            for k, (c, x) in enumerate(zip(cells, xs, strict=True))
        ]

    runs = [
        *row(["Date", "Agency", "Event"], 700.0, 1),
        *row(["May 2021", "Maternity", "Booking"], 725.0, 1),
        *row(["Date", "Agency", "Event"], 80.0, 2),
        *row(["Jan 2022", "Police", "Call-out"], 105.0, 2),
    ]
    [table] = [i for i in find_tables(runs, M, no_rules) if isinstance(i, Table)]
    assert [cells[0] for _, cells in table.rows] == ["Date", "May 2021", "Jan 2022"]
    assert [page for page, _ in table.rows] == [1, 1, 2]


def test_a_contents_list_with_page_numbers_is_not_a_table() -> None:
    runs = []
    for k, (title, page) in enumerate([("Introduction", "3"), ("Findings", "7"), ("Annex", "12")]):
        runs.append(run(title, 100.0 + 20 * k))
        runs.append(run(page, 100.0 + 20 * k, left=500.0, joined=True))
    items = find_tables(runs, M, no_rules)
    assert [i.text for i in items if isinstance(i, Run)] == [
        "Introduction\t3",
        "Findings\t7",
        "Annex\t12",
    ]


# -- paragraphs -----------------------------------------------------------------------


def _texts(runs: list[Run], m: Metrics = M) -> list[str]:
    return [join(p.runs) for p in paragraphs(runs, m) if isinstance(p, Para)]


def test_a_line_break_inside_a_paragraph_is_not_a_paragraph_break() -> None:
    runs = [
        run("Independent reviewer: Jonathan Blake.", 100.0),
        run("Report date: May 2024.", 100.0 + STEP),
        run("The next paragraph starts after a gap and is a long one.", 100.0 + 3 * STEP),
    ]
    assert _texts(runs) == [
        "Independent reviewer: Jonathan Blake. Report date: May 2024.",
        "The next paragraph starts after a gap and is a long one.",
    ]
    # where paragraphs are not set apart by space, an early sentence end ends one
    assert len(_texts(runs, M_TIGHT)) == 3


def test_a_bold_heading_and_its_text_part_but_a_sentence_ending_in_bold_runs_on() -> None:
    heading = run("Practice episode 1: booking", 100.0, bold=True, bold_start=True, bold_end=True)
    runin = run("What happened. The mother booked at 11 weeks.", 100.0 + STEP, bold_start=True)
    assert len(_texts([heading, runin])) == 2
    first = run("7.1 Decision: yes. The partners have agreed to", 200.0, right=515.0, bold_end=True)
    rest = run("commission an LCSPR.", 200.0 + STEP, bold=True, bold_start=True, bold_end=True)
    assert _texts([first, rest]) == [
        "7.1 Decision: yes. The partners have agreed to commission an LCSPR."
    ]


def test_over_a_page_break_a_paragraph_runs_on_unless_its_last_line_had_room() -> None:
    full = run("the review found that the plan had not been reviewed and", 780.0, right=518.0)
    on = run("nobody asked why.", 80.0, page=2)
    assert len(_texts([full, on])) == 1
    short = run("the plan was closed.", 780.0)
    new = run("The next paragraph starts on the next page.", 80.0, page=2)
    assert len(_texts([short, new])) == 2
    # a full line ending a sentence, then a sentence: in ragged text, a new paragraph
    ends = run("the review found that the plan had not been reviewed at all.", 780.0, right=518.0)
    assert len(_texts([ends, new])) == 2


# -- line-end hyphens -----------------------------------------------------------------


def test_line_end_hyphens_follow_the_documents_own_spelling() -> None:
    plain = Words(["The risk-", "rating tool was used.", "x"])
    assert (
        join([run("The risk-", 100.0), run("rating tool", 115.0)], plain) == "The risk-rating tool"
    )
    assert not plain.hyphenates  # Word does not split words unless asked
    typeset = Words(["the safe-", "guarding of children and safeguarding of", "x"])
    assert typeset.hyphenates
    lines = [run("multi-agency safe-", 100.0), run("guarding work", 115.0)]
    assert join(lines, typeset) == "multi-agency safeguarding work"
    assert (
        join([run("the multi-", 100.0), run("agency hub", 115.0)], typeset)
        == "the multi-agency hub"
    )
    assert (
        join([run("single-", 100.0), run("and multi-agency", 115.0)]) == "single- and multi-agency"
    )
