"""Every answer of an inventory campaign as data (issue 17.2): one row per answer, for a round or
the whole campaign, as the one table the CSV, XLSX and JSON downloads write. Which pairs it holds
is the caller's (scoping.exported_pairs); the JSON follows analysis/schemas/answers.schema.json."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language

from tandem.catalogue.models import Aspect, Domain
from tandem.formats.tables import Look, Style, Table, Value
from tandem.places.models import Municipality, Pair
from tandem.places.naming import pair_name

from .models import Campaign, Response, ResponseDocument, Round, Submission
from .queries import UnknownChoice, matrix_round
from .sheets import score_style

# An 'other' row that is the pair's own (never promoted into the framework) has no aspect.
OWN_ORIGIN = "own"
ALL_ROUNDS = "all"
LOOK = Look(header=Style(bold=True), freeze="A2", fit=(8, 60))

# (code, model and field whose verbose name heads the column): the codes are the JSON keys.
COLUMNS: tuple[tuple[str, type, str], ...] = (
    ("campaign", Response, "round__campaign"),
    ("round", Response, "round"),
    ("refnis", Municipality, "refnis"),
    ("municipality", Pair, "municipality"),
    ("respondent", Response, "respondent"),
    ("domain", Aspect, "domain"),
    ("aspect", Response, "aspect"),
    ("aspect_origin", Aspect, "origin"),
    ("degree", Response, "degree"),
    ("reasons", Response, "reasons"),
    ("reason_clusters", Response, "reason_clusters"),
    ("regulation", Response, "regulation"),
    ("instrument", Response, "instrument"),
    ("regulation_link", Response, "regulation_link"),
    ("documents", ResponseDocument, ""),
    ("desirable", Response, "desirable"),
    ("desirable_reasons", Response, "desirable_reasons"),
    ("formal_desirable", Response, "formal_desirable"),
    ("formal_desirable_reasons", Response, "formal_desirable_reasons"),
    ("obstacles", Response, "obstacles"),
    ("obstacle_types", Response, "obstacle_types"),
    ("status", Response, "status"),
    ("confirmed", Response, "confirmed"),
    ("change_reason", Response, "change_reason"),
    ("submitted_at", Submission, "submitted_at"),
    ("updated_at", Response, "updated_at"),
    ("updated_by", Response, "updated_by"),
)
DEGREE_COLUMN = [code for code, *_ in COLUMNS].index("degree")


def _heading(model: type, path: str) -> str:
    """The model's own (translated) name of the field: 'Reasons', 'Answered by'."""
    if not path:
        return capfirst(str(model._meta.verbose_name_plural))
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return capfirst(str(model._meta.get_field(name).verbose_name))


def export_rounds(campaign: Campaign, choice: str | None) -> list[Round]:
    """The rounds `?round=` names: a number, 'all', or (none given) the round the matrices show
    (the latest closed round, else the latest round)."""
    if choice == ALL_ROUNDS:
        return list(campaign.rounds.order_by("number"))
    if not choice:
        shown = matrix_round(campaign)
        return [shown] if shown else []
    found = campaign.rounds.filter(number=choice).first() if choice.isdigit() else None
    if found is None:
        raise UnknownChoice(f"unknown round '{choice}'; give its number or '{ALL_ROUNDS}'")
    return [found]


def _moment(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _joined(names: Iterable[str]) -> str:
    return "; ".join(names)


def _submissions(rounds: list[Round], pairs: QuerySet[Pair]) -> dict[tuple, datetime]:
    """When each seat (round, pair, respondent) submitted, for the questionnaires now submitted
    (a reopened one is not: its answers no longer count)."""
    found = Submission.objects.filter(
        round__in=rounds, pair__in=pairs, status=Submission.Status.SUBMITTED
    ).values_list("round_id", "pair_id", "respondent", "submitted_at")
    return {(r, p, who): at for r, p, who, at in found}


def _answers(rounds: list[Round], pairs: QuerySet[Pair]) -> list[Response]:
    return list(
        Response.objects.filter(round__in=rounds, pair__in=pairs)
        .select_related(
            "round__campaign",
            "pair__municipality__region",
            "aspect__domain",
            "proposal__domain",
            "instrument",
            "updated_by",
        )
        .prefetch_related("reason_clusters", "obstacle_types", "documents")
        .order_by()
    )


def _domain(answer: Response) -> Domain:
    return answer.aspect.domain if answer.aspect_id else answer.proposal.domain


def _row(answer: Response, name: str, submitted: datetime | None) -> list[Value]:
    return [
        answer.round.campaign.slug,
        answer.round.number,
        answer.pair.municipality.refnis,
        name,
        answer.respondent,
        _domain(answer).name,
        answer.subject_label,
        answer.aspect.origin if answer.aspect_id else OWN_ORIGIN,
        answer.degree,
        answer.reasons,
        _joined(c.name for c in answer.reason_clusters.all()),
        answer.regulation,
        answer.instrument.name if answer.instrument_id else "",
        answer.regulation_link,
        _joined(d.original_name for d in answer.documents.all()),
        answer.desirable,
        answer.desirable_reasons,
        answer.formal_desirable,
        answer.formal_desirable_reasons,
        answer.obstacles,
        _joined(t.name for t in answer.obstacle_types.all()),
        answer.status,
        answer.confirmed,
        answer.change_reason,
        _moment(submitted),
        _moment(answer.updated_at),
        answer.updated_by.get_username() if answer.updated_by_id else "",
    ]


def answers_table(
    *, campaign: Campaign, rounds: list[Round], pairs: QuerySet[Pair], levels: Iterable = ()
) -> Table:
    """A row per answer of `pairs` in `rounds`: by round, municipality (its name in the page's
    language), respondent, domain, then the aspects in questionnaire order and the pair's own
    rows after them. With `levels` (the degree scale) the degree cells take its colours."""
    levels = list(levels)
    submitted = _submissions(rounds, pairs)
    names: dict[int, str] = {}
    keyed = []
    for answer in _answers(rounds, pairs):
        name = names.setdefault(answer.pair_id, pair_name(answer.pair))
        domain = _domain(answer)
        order = (0, answer.aspect.order, "") if answer.aspect_id else (1, 0, answer.subject_label)
        key = (answer.round.number, name, answer.respondent, domain.number, order, answer.pk)
        seat = (answer.round_id, answer.pair_id, answer.respondent)
        keyed.append((key, _row(answer, name, submitted.get(seat))))
    rows = [row for _key, row in sorted(keyed, key=lambda item: item[0])]
    styles: list[list[Style | None]] = [
        [None] * DEGREE_COLUMN + [score_style(levels, row[DEGREE_COLUMN])] for row in rows
    ]
    return Table(
        name="answers",
        sheet=campaign.slug,
        header=[_heading(model, path) for _code, model, path in COLUMNS],
        codes=[code for code, *_ in COLUMNS],
        rows=rows,
        styles=styles if levels else [],
        look=LOOK,
    )


def answers_document(table: Table, *, campaign: Campaign, rounds: list[Round]) -> dict:
    """The table as JSON: the campaign, the rounds it covers, the columns with their headings
    and an object per answer keyed by the columns' codes."""
    return {
        "kind": "answers",
        "language": (get_language() or "nl")[:2],
        "campaign": {
            "slug": campaign.slug,
            "name": campaign.name,
            "year": campaign.year,
            "framework": campaign.framework.slug,
        },
        "rounds": [r.number for r in rounds],
        "columns": [
            {"code": code, "label": label}
            for code, label in zip(table.codes, table.header, strict=True)
        ],
        "answers": [dict(zip(table.codes, row, strict=True)) for row in table.rows],
    }
