"""The only place that decides which pairs and campaigns a user may see.

Views fetch pair- and campaign-owned objects from these querysets, so anything outside a user's
reach answers 404 (never 403, never data).
"""

from django.db.models import Q, QuerySet

from tandem.campaigns.models import Campaign
from tandem.places.models import Pair


def campaigns_for(user) -> QuerySet[Campaign]:
    """Published campaigns, plus those the user coordinates or whose pairs the user belongs to."""
    campaigns = Campaign.objects.all()
    if getattr(user, "is_superuser", False):
        return campaigns
    visible = Q(is_public=True)
    if getattr(user, "is_authenticated", False):
        visible |= Q(roles__user=user)
        visible |= Q(participations__pair__roles__user=user)
    return campaigns.filter(visible).distinct()


def pairs_for(user) -> QuerySet[Pair]:
    """Pairs whose own (non-published) data the user may see: their own; all for a superuser."""
    if getattr(user, "is_superuser", False):
        return Pair.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Pair.objects.none()
    return Pair.objects.filter(roles__user=user).distinct()


def campaign_pairs_for(user, campaign: Campaign) -> QuerySet[Pair]:
    """Pairs of a campaign whose answers the user may read: all of them in a published campaign
    or for its coordinators; otherwise only the user's own pairs."""
    pairs = Pair.objects.filter(participations__campaign=campaign)
    if campaign.is_public or getattr(user, "is_superuser", False):
        return pairs
    if getattr(user, "is_authenticated", False) and campaign.roles.filter(user=user).exists():
        return pairs
    return pairs.filter(pk__in=pairs_for(user).values("pk"))
