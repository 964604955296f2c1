"""Campaigns run a framework over a set of pairs in rounds; responses hold each pair's answers."""

from .answers import (
    FORMAL,
    INFORMAL,
    NONE,
    ContactPerson,
    Response,
    ResponseDocument,
    Submission,
    document_path,
)
from .campaign import Campaign, CampaignAspect, CampaignPair, ProposedAspect, Round
from .mail import CampaignMail
from .study import StudyText

__all__ = [
    "FORMAL",
    "INFORMAL",
    "NONE",
    "Campaign",
    "CampaignAspect",
    "CampaignMail",
    "CampaignPair",
    "ContactPerson",
    "ProposedAspect",
    "Response",
    "ResponseDocument",
    "Round",
    "StudyText",
    "Submission",
    "document_path",
]
