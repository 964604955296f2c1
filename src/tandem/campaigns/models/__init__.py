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

__all__ = [
    "FORMAL",
    "INFORMAL",
    "NONE",
    "Campaign",
    "CampaignAspect",
    "CampaignPair",
    "ContactPerson",
    "ProposedAspect",
    "Response",
    "ResponseDocument",
    "Round",
    "Submission",
    "document_path",
]
