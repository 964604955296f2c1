"""The study report's annex: each pair's counted answers, domain by domain, as the questionnaire
asked them (seed 001's annex is the questionnaire, S001:636-1154). Built from the same answers the
findings count, so the annex and the tables above it never disagree; call it inside
translation.override(report language): the follow-up answers are written out as sentences."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tandem.analysis.findings import Answer
from tandem.analysis.matrix import name_sort_key


@dataclass(frozen=True, slots=True)
class AnnexRow:
    domain: str  # "1. Financieel management"
    aspect: str
    degree: int | None
    regulated_by: str  # the instrument, and the pair's own words on it
    reasons: str
    follow_up: str  # the wish (degree 0 or 1) or the obstacles (degree 2), written out


@dataclass(frozen=True, slots=True)
class PairAnnex:
    pair: str
    rows: list[AnnexRow]


@dataclass(frozen=True, slots=True)
class _Words:
    """The words of the follow-up sentences, translated once per annex, not once per answer."""

    answers: dict[bool | None, str]
    desirable: str
    formal: str
    obstacles: str

    @classmethod
    def active(cls) -> "_Words":
        colon = pgettext("after a label", ":")
        return cls(
            answers={None: _("not answered"), True: _("yes"), False: _("no")},
            desirable=_("Cooperation desirable") + colon,
            formal=_("Formal cooperation desirable") + colon,
            obstacles=_("Obstacles") + colon,
        )


def _with_reasons(answer: str, reasons: str) -> str:
    reasons = reasons.strip()
    return f"{answer} — {reasons}" if reasons else answer


def _follow_up(answer: Answer, words: _Words) -> str:
    if answer.degree == 0:
        said = words.answers[answer.desirable]
        return _with_reasons(f"{words.desirable} {said}", answer.desirable_reasons)
    if answer.degree == 1:
        said = words.answers[answer.formal_desirable]
        return _with_reasons(f"{words.formal} {said}", answer.formal_desirable_reasons)
    kinds = ", ".join(answer.obstacle_types)
    said = " — ".join(part for part in (kinds, answer.obstacles.strip()) if part)
    return f"{words.obstacles} {said}" if said else ""


def _regulated_by(answer: Answer) -> str:
    parts = [answer.instrument, answer.regulation.strip(), *answer.documents, answer.link]
    return " — ".join(part for part in parts if part)


def pair_annex(
    domains: Iterable[tuple[str, list[tuple[int, str]], list[Answer]]],
) -> list[PairAnnex]:
    """Per pair (by name), its answers in questionnaire order: `domains` gives each domain's
    heading, its aspects (id, label) in order and its counted answers. Only answers whose
    texts the reader may read (quotable) appear: the annex quotes, the tables count."""
    rows: dict[str, list[AnnexRow]] = defaultdict(list)
    words = _Words.active()
    for heading, aspects, answers in domains:
        order = {aspect_id: index for index, (aspect_id, _label) in enumerate(aspects)}
        labels = dict(aspects)
        ranked = sorted(
            (a for a in answers if a.quotable and a.aspect in order),
            key=lambda a: order[a.aspect],
        )
        for answer in ranked:
            rows[answer.pair].append(
                AnnexRow(
                    domain=heading,
                    aspect=labels[answer.aspect],
                    degree=answer.degree,
                    regulated_by=_regulated_by(answer) if answer.degree else "",
                    reasons=answer.reasons.strip(),
                    follow_up=_follow_up(answer, words),
                )
            )
    return [PairAnnex(pair, rows[pair]) for pair in sorted(rows, key=name_sort_key)]
