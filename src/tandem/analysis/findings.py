"""What the answers of one domain say beyond their scores (seed 001's study, S001:95-634): how
cooperation is regulated (instruments per aspect), why (reasons per cluster), whether more or
formal cooperation is wished and why, what stands in the way of formalising (obstacle types),
and the 'other' aspects the pairs named.

Plain rows in, plain tables out: the findings page, its downloads and the study report count
the same way. The unit is the pair: one answer per pair and aspect (the one the matrix counts).
A text is quoted only where the caller marked its answer quotable (the reader may read that
pair's own texts); counts include every answer the reader may count."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Answer:
    """One pair's counted answer to one aspect, with its follow-up answers."""

    pair: str  # the pair's name, as the reader's language names it
    aspect: int
    degree: int | None
    reasons: str = ""
    clusters: tuple[str, ...] = ()
    instrument: str = ""  # the instrument's name, "" when none was chosen
    regulation: str = ""
    link: str = ""
    documents: tuple[str, ...] = ()
    desirable: bool | None = None  # asked when there is no cooperation
    desirable_reasons: str = ""
    formal_desirable: bool | None = None  # asked when the cooperation is informal
    formal_desirable_reasons: str = ""
    obstacles: str = ""
    obstacle_types: tuple[str, ...] = ()
    quotable: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    pair: str
    aspect: str
    text: str


@dataclass(slots=True)
class Tally:
    """A category with the pairs in it (a pair once, even if it answered several aspects)."""

    label: str
    pairs: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.pairs)


@dataclass(slots=True)
class AspectRegulation:
    aspect: str
    cooperating: int  # pairs that cooperate (degree 1 or 2) on the aspect
    instruments: list[Tally]  # per instrument, most used first; "" → not stated
    documents: list[Quote]  # per quotable pair: its documents and link


@dataclass(slots=True)
class AspectWish:
    """Seed 001's follow-up questions per aspect: without cooperation, is it desirable; when
    informal, is formal cooperation desirable; each with the pairs' reasons."""

    aspect: str
    without: int  # pairs without cooperation (degree 0)
    desirable_yes: int
    desirable_no: int
    informal: int  # pairs cooperating informally (degree 1)
    formal_yes: int
    formal_no: int
    quotes: list[Quote]


@dataclass(slots=True)
class DomainFindings:
    pairs: int  # pairs with at least one counted answer in the domain
    regulation: list[AspectRegulation]
    reasons: list[Tally]  # per reason cluster, most named first
    wishes: list[AspectWish]
    obstacles: list[Tally]  # per obstacle type, most named first
    other: list[Quote]  # the 'other' aspects named by the pairs


def _add(tallies: dict[str, Tally], label: str, pair: str, quote: Quote | None) -> None:
    tally = tallies.setdefault(label, Tally(label))
    if pair not in tally.pairs:
        tally.pairs.append(pair)
    if quote is not None:
        tally.quotes.append(quote)


def _ranked(tallies: dict[str, Tally]) -> list[Tally]:
    return sorted(tallies.values(), key=lambda t: (-t.count, t.label))


def _quote(answer: Answer, aspect: str, text: str) -> Quote | None:
    text = text.strip()
    return Quote(answer.pair, aspect, text) if answer.quotable and text else None


def domain_findings(
    answers: Iterable[Answer],
    aspects: Sequence[tuple[int, str]],
    other: Iterable[Quote] = (),
) -> DomainFindings:
    """The findings of one domain from its counted answers; `aspects` (id, label) in
    questionnaire order; `other` the 'other' aspects named by the pairs (already scoped)."""
    by_aspect: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_aspect[answer.aspect].append(answer)
    clusters: dict[str, Tally] = {}
    obstacle_types: dict[str, Tally] = {}
    regulation: list[AspectRegulation] = []
    wishes: list[AspectWish] = []
    pairs: set[str] = set()
    for aspect_id, label in aspects:
        rows = sorted(by_aspect.get(aspect_id, []), key=lambda a: a.pair)
        pairs.update(a.pair for a in rows if a.degree is not None)
        instruments: dict[str, Tally] = {}
        documents = []
        cooperating = [a for a in rows if a.degree in (1, 2)]
        for answer in cooperating:
            _add(
                instruments,
                answer.instrument,
                answer.pair,
                _quote(answer, label, answer.regulation),
            )
            if answer.quotable and (answer.documents or answer.link):
                files = [*answer.documents, *([answer.link] if answer.link else [])]
                documents.append(Quote(answer.pair, label, " · ".join(files)))
        regulation.append(
            AspectRegulation(label, len(cooperating), _ranked(instruments), documents)
        )
        for answer in rows:
            # A text without a cluster or type counts under "" (not classified).
            if answer.clusters or answer.reasons.strip():
                for cluster in answer.clusters or ("",):
                    _add(clusters, cluster, answer.pair, _quote(answer, label, answer.reasons))
            if answer.obstacle_types or answer.obstacles.strip():
                for kind in answer.obstacle_types or ("",):
                    _add(obstacle_types, kind, answer.pair, _quote(answer, label, answer.obstacles))
        wishes.append(_wish(label, rows))
    return DomainFindings(
        pairs=len(pairs),
        regulation=regulation,
        reasons=_ranked(clusters),
        wishes=wishes,
        obstacles=_ranked(obstacle_types),
        other=sorted(other, key=lambda q: (q.pair, q.text)),
    )


def _wish(label: str, rows: list[Answer]) -> AspectWish:
    without = [a for a in rows if a.degree == 0]
    informal = [a for a in rows if a.degree == 1]
    quotes = [q for a in without if (q := _quote(a, label, a.desirable_reasons)) is not None] + [
        q for a in informal if (q := _quote(a, label, a.formal_desirable_reasons)) is not None
    ]
    return AspectWish(
        aspect=label,
        without=len(without),
        desirable_yes=sum(a.desirable is True for a in without),
        desirable_no=sum(a.desirable is False for a in without),
        informal=len(informal),
        formal_yes=sum(a.formal_desirable is True for a in informal),
        formal_no=sum(a.formal_desirable is False for a in informal),
        quotes=quotes,
    )
