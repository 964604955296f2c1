"""The synergy register of a pair (seed 004): synergies, meetings, focus groups, measures and the
annual report's editions and approved versions."""

from .common import LANGUAGES, PairRecord
from .measures import Measure
from .meetings import FocusGroup, FocusGroupSession, Meeting
from .register import RegisterDocument, Synergy
from .reports import ApprovedReport, FrozenReportError, ReportEdition

__all__ = [
    "LANGUAGES",
    "ApprovedReport",
    "FocusGroup",
    "FocusGroupSession",
    "FrozenReportError",
    "Measure",
    "Meeting",
    "PairRecord",
    "RegisterDocument",
    "ReportEdition",
    "Synergy",
]
