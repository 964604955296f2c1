"""Comparisons over seed 000's synthesis tables: who cooperates on which sub-domain now and who
wishes to, how (the typology), what stands in the way, per focus, and which peers already do
what a pair wants to do.

Plain functions over plain rows (`EntryRow`), so the pages, the exports, the PDF and the tests
compute the same figures. A pair counts for a sub-domain when it has at least one entry there;
"no (further) cooperation" is an answer (`is_none`), and a sub-domain without any entry of a
stage is unanswered, never "no".
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

CURRENT = "current"
DESIRABLE = "desirable"
STAGES = (CURRENT, DESIRABLE)
DIMENSIONS = ("level", "place", "scale", "formalisation", "finality")
UNCLASSIFIED = None  # an entry whose description does not tell a dimension's value

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One synthesis-table entry as the analysis needs it."""

    key: Hashable
    pair: Hashable
    domain: Hashable
    stage: str
    is_none: bool = False
    components: tuple[Hashable, ...] = ()
    typology: Mapping[str, str | None] = field(default_factory=dict)
    possible: str = ""
    obstacle_types: tuple[tuple[str, ...], ...] = ()  # one tuple of type codes per obstacle
    label: str = ""
    way: str = ""


@dataclass(slots=True)
class StageCount:
    """Per sub-domain and stage: pairs that cooperate (or wish to), pairs that answered 'no
    (further) cooperation', and pairs without an answer."""

    cooperating: int = 0
    none: int = 0
    unanswered: int = 0


def _answers(entries: Iterable[EntryRow]) -> dict[tuple[Hashable, str], dict[Hashable, bool]]:
    """(domain, stage) → {pair: has a recorded component}."""
    answers: dict[tuple[Hashable, str], dict[Hashable, bool]] = defaultdict(dict)
    for entry in entries:
        seen = answers[(entry.domain, entry.stage)]
        seen[entry.pair] = seen.get(entry.pair, False) or not entry.is_none
    return answers


def stage_counts(
    entries: Iterable[EntryRow], pairs: Sequence[Hashable], domains: Sequence[Hashable]
) -> dict[Hashable, dict[str, StageCount]]:
    """Per sub-domain, for current and desirable cooperation, how many of `pairs` cooperate,
    answered 'no', or did not answer. A pair with both a component and a 'no' counts as
    cooperating."""
    answers = _answers(entries)
    table: dict[Hashable, dict[str, StageCount]] = {}
    for domain in domains:
        table[domain] = {}
        for stage in STAGES:
            seen = answers.get((domain, stage), {})
            count = StageCount()
            for pair in pairs:
                if pair not in seen:
                    count.unanswered += 1
                elif seen[pair]:
                    count.cooperating += 1
                else:
                    count.none += 1
            table[domain][stage] = count
    return table


def cooperating_pairs(entries: Iterable[EntryRow], domain: Hashable, stage: str) -> set[Hashable]:
    """The pairs with at least one recorded component for a sub-domain and stage."""
    return {e.pair for e in entries if e.domain == domain and e.stage == stage and not e.is_none}


def typology_distribution(
    entries: Iterable[EntryRow], dimension: str, stage: str | None = CURRENT
) -> dict[Hashable, Counter[str | None]]:
    """Per sub-domain, the number of entries (components) per value of one typology dimension;
    UNCLASSIFIED counts the entries whose value was not recorded. 'No cooperation' entries have
    no typology and are left out. `stage=None` takes both stages."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown typology dimension {dimension!r}")
    table: dict[Hashable, Counter[str | None]] = defaultdict(Counter)
    for entry in entries:
        if entry.is_none or (stage is not None and entry.stage != stage):
            continue
        table[entry.domain][entry.typology.get(dimension) or UNCLASSIFIED] += 1
    return dict(table)


def column_totals(table: Mapping[Hashable, Counter[Key]]) -> Counter[Key]:
    """The sum of a per-domain table over all domains."""
    total: Counter[Key] = Counter()
    for counts in table.values():
        total.update(counts)
    return total


def obstacle_pairs(entries: Iterable[EntryRow]) -> dict[Hashable, dict[str, set[Hashable]]]:
    """Per sub-domain and obstacle type, the pairs that named an obstacle of that type to a
    desirable form of cooperation."""
    table: dict[Hashable, dict[str, set[Hashable]]] = defaultdict(lambda: defaultdict(set))
    for entry in entries:
        for types in entry.obstacle_types:
            for obstacle_type in types:
                table[entry.domain][obstacle_type].add(entry.pair)
    return {domain: dict(types) for domain, types in table.items()}


def obstacle_counts(entries: Iterable[EntryRow]) -> dict[Hashable, Counter[str]]:
    """Per sub-domain, the number of pairs naming each obstacle type."""
    return {
        domain: Counter({t: len(pairs) for t, pairs in types.items()})
        for domain, types in obstacle_pairs(entries).items()
    }


@dataclass(frozen=True, slots=True)
class FocusMap:
    """A focus mapping as plain data: domain → focus and (domain, component) → focus."""

    domains: Mapping[Hashable, str]
    components: Mapping[tuple[Hashable, Hashable], str]

    def foci_of(self, entry: EntryRow) -> set[str]:
        """The foci an entry belongs to: each component's own focus, else its domain's."""
        if not entry.components:
            focus = self.domains.get(entry.domain)
            return {focus} if focus else set()
        foci: set[str] = set()
        for component in entry.components:
            focus = self.components.get((entry.domain, component), self.domains.get(entry.domain))
            if focus:
                foci.add(focus)
        return foci


def focus_counts(
    entries: Iterable[EntryRow], focus_map: FocusMap, foci: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Per focus (planning / processen / producten): the pairs with current and with desirable
    cooperation on something in that focus, and the number of entries."""
    pairs: dict[str, dict[str, set[Hashable]]] = {
        focus: {CURRENT: set(), DESIRABLE: set()} for focus in foci
    }
    counted = {focus: {CURRENT: 0, DESIRABLE: 0} for focus in foci}
    for entry in entries:
        if entry.is_none:
            continue
        for focus in focus_map.foci_of(entry):
            if focus in pairs:
                pairs[focus][entry.stage].add(entry.pair)
                counted[focus][entry.stage] += 1
    return {
        focus: {
            "current_pairs": len(pairs[focus][CURRENT]),
            "desirable_pairs": len(pairs[focus][DESIRABLE]),
            "current_entries": counted[focus][CURRENT],
            "desirable_entries": counted[focus][DESIRABLE],
        }
        for focus in foci
    }


def peer_practice(
    entries: Iterable[EntryRow], component: Hashable, pair: Hashable | None = None
) -> dict[Hashable, list[EntryRow]]:
    """The other pairs that already cooperate on a component, each with its current entries on
    it (their way of cooperating and typology): what a pair can learn from its peers."""
    peers: dict[Hashable, list[EntryRow]] = defaultdict(list)
    for entry in entries:
        if (
            entry.stage == CURRENT
            and not entry.is_none
            and component in entry.components
            and entry.pair != pair
        ):
            peers[entry.pair].append(entry)
    return dict(peers)


def degree_of(entries: Iterable[EntryRow]) -> int | None:
    """The degree of current cooperation a pair's entries on one component (or sub-domain)
    show, on the questionnaire's scale: 2 when one of them is formal, 1 when it cooperates
    otherwise, 0 when it answered 'no cooperation', None when nothing was recorded. This lets
    the benchmark treat a grid campaign like a questionnaire campaign."""
    degree: int | None = None
    for entry in entries:
        if entry.stage != CURRENT:
            continue
        if entry.is_none:
            degree = 0 if degree is None else degree
        elif entry.typology.get("formalisation") == "formeel":
            return 2
        else:
            degree = 1
    return degree


def component_degrees(
    entries: Iterable[EntryRow], domains_components: Mapping[Any, Sequence[Key]]
) -> list[tuple[Hashable, Key, int]]:
    """(pair, component, degree) for a grid campaign: per pair and component the degree its
    current entries show; a pair that answered 'no cooperation' for a sub-domain scores 0 on
    every component of it that it does not name. `domains_components` is keyed like the
    entries' `domain` (any key type: a mapping's keys are invariant)."""
    by_pair_domain: dict[tuple[Hashable, Hashable], list[EntryRow]] = defaultdict(list)
    for entry in entries:
        if entry.stage == CURRENT:
            by_pair_domain[(entry.pair, entry.domain)].append(entry)
    triples: list[tuple[Hashable, Key, int]] = []
    for (pair, domain), rows in by_pair_domain.items():
        for component in domains_components.get(domain, ()):
            named = [r for r in rows if component in r.components]
            degree = degree_of(named)
            if degree is None and degree_of(rows) is not None:
                degree = 0  # the pair answered this sub-domain without naming the component
            if degree is not None:
                triples.append((pair, component, degree))
    return triples
