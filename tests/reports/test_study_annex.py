"""The study report's annex (reports.study.annex): each pair's answers in questionnaire order,
only the answers whose texts the reader may read, pairs in alphabetical order with accents
ignored, and the follow-up question the degree asked written out."""

from dataclasses import replace

from django.utils import translation

from tandem.analysis.findings import Answer
from tandem.reports.study.annex import pair_annex

ASPECTS = [(7, "Leningen"), (3, "Thesaurie")]


def _annex(answers):
    with translation.override("en"):
        return pair_annex([("1. Financieel", ASPECTS, answers)])


def test_pairs_come_alphabetically_and_aspects_in_questionnaire_order():
    answers = [
        Answer(pair="Zele", aspect=3, degree=0, quotable=True),
        Answer(pair="Écaussinnes", aspect=3, degree=1, quotable=True),
        Answer(pair="Écaussinnes", aspect=7, degree=2, quotable=True),
        Answer(pair="Aalst", aspect=7, degree=0, quotable=True),
    ]
    annex = _annex(answers)
    assert [entry.pair for entry in annex] == ["Aalst", "Écaussinnes", "Zele"]
    assert [row.aspect for row in annex[1].rows] == ["Leningen", "Thesaurie"]
    assert {row.domain for entry in annex for row in entry.rows} == {"1. Financieel"}


def test_only_answers_the_reader_may_quote_and_aspects_of_the_domain():
    answers = [
        Answer(pair="Aalst", aspect=7, degree=2, reasons="Eigen tekst", quotable=True),
        Answer(pair="Brugge", aspect=7, degree=2, reasons="Andermans tekst", quotable=False),
        Answer(pair="Aalst", aspect=99, degree=1, quotable=True),  # not an aspect asked here
    ]
    annex = _annex(answers)
    assert [entry.pair for entry in annex] == ["Aalst"]
    assert [(row.aspect, row.reasons) for row in annex[0].rows] == [("Leningen", "Eigen tekst")]


def test_the_follow_up_follows_the_degree():
    answers = [
        Answer(pair="A", aspect=7, degree=0, desirable=False, desirable_reasons=" Te klein "),
        Answer(pair="B", aspect=7, degree=1, formal_desirable=None),
        Answer(
            pair="C",
            aspect=7,
            degree=2,
            instrument="Protocol",
            regulation="Van 2019",
            documents=("protocol.pdf",),
            link="https://example.be/p",
            obstacle_types=("Regelgeving",),
            obstacles="Btw",
        ),
        Answer(pair="D", aspect=7, degree=2),
    ]
    quotable = [replace(answer, quotable=True) for answer in answers]
    rows = {entry.pair: entry.rows[0] for entry in _annex(quotable)}
    assert rows["A"].follow_up == "Cooperation desirable: no — Te klein"
    assert rows["A"].regulated_by == ""
    assert rows["B"].follow_up == "Formal cooperation desirable: not answered"
    assert rows["C"].follow_up == "Obstacles: Regelgeving — Btw"
    assert rows["C"].regulated_by == "Protocol — Van 2019 — protocol.pdf — https://example.be/p"
    assert rows["D"].follow_up == "" and rows["D"].regulated_by == ""
