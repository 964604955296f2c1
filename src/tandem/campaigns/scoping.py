"""Which campaigns and which of their answers a user may see, from the roles of accounts.scoping.

Views fetch campaign-owned objects from these querysets, so anything outside a user's reach
answers 404 (never 403, never data).
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from tandem.accounts.models import CampaignRole
from tandem.accounts.scoping import answering_roles, is_authenticated, is_superuser
from tandem.places.models import Pair

from .models import Campaign, CampaignPair


def campaigns_for(user) -> QuerySet[Campaign]:
    """Published campaigns, plus those the user coordinates or whose pairs the user belongs to."""
    campaigns = Campaign.objects.all()
    if is_superuser(user):
        return campaigns
    visible = Q(is_public=True)
    if is_authenticated(user):
        visible |= Q(roles__user=user)
        member = answering_roles(user, OuterRef("pk")).filter(
            pair__participations__campaign=OuterRef("pk")
        )
        visible |= Q(Exists(member))
    return campaigns.filter(visible).distinct()


def readable_campaign(user, slug: str) -> Campaign:
    """One campaign the user may see, with its framework, or 404."""
    return get_object_or_404(campaigns_for(user).select_related("framework"), slug=slug)


def coordinated_campaigns(user) -> QuerySet[Campaign]:
    """Campaigns the user coordinates (all of them for a superuser)."""
    if is_superuser(user):
        return Campaign.objects.all()
    if not is_authenticated(user):
        return Campaign.objects.none()
    return Campaign.objects.filter(
        roles__user=user, roles__role=CampaignRole.Role.COORDINATOR
    ).distinct()


def may_create_campaigns(user) -> bool:
    """Coordinators of a knowledge centre, association or province hold the model permission."""
    return is_authenticated(user) and user.has_perm("campaigns.add_campaign")


def answering_pairs(user, campaign: Campaign) -> QuerySet[Pair]:
    """Pairs of a campaign whose questionnaire the user answers (respondent or pair editor)."""
    pairs = Pair.objects.filter(participations__campaign=campaign)
    if not is_authenticated(user):
        return pairs.none()
    return pairs.filter(Exists(answering_roles(user, campaign, OuterRef("pk"))))


def campaign_pairs_for(user, campaign: Campaign) -> QuerySet[Pair]:
    """Pairs of a campaign whose answers the user may read: all of them in a published campaign
    or for its coordinators; otherwise only the user's own pairs."""
    pairs = Pair.objects.filter(participations__campaign=campaign)
    if campaign.is_public or is_superuser(user):
        return pairs
    if is_authenticated(user) and campaign.roles.filter(user=user).exists():
        return pairs
    return pairs.filter(pk__in=answering_pairs(user, campaign).values("pk"))


def history_pairs(user, campaign: Campaign) -> QuerySet[Pair]:
    """Pairs of a campaign whose history of changes the user may read: every pair for the
    campaign's coordinators, otherwise the pairs the user answers for. Never public, also in a
    published campaign: a history names the people who changed what, and when."""
    if coordinated_campaigns(user).filter(pk=campaign.pk).exists():
        return Pair.objects.filter(participations__campaign=campaign)
    return answering_pairs(user, campaign)


def exported_pairs(user, campaign: Campaign) -> QuerySet[Pair] | None:
    """Pairs whose every answer the user may download with its free texts and who changed it
    (issue 17.2): every pair for the campaign's coordinators; else, of the pairs the user may
    read (campaign_pairs_for), only those the user answers for — also in a published campaign,
    whose pages show degrees only. None when the user may download nothing (404)."""
    pairs = campaign_pairs_for(user, campaign)
    if coordinated_campaigns(user).filter(pk=campaign.pk).exists():
        return pairs
    own = pairs.filter(pk__in=answering_pairs(user, campaign).values("pk"))
    return own if own.exists() else None


def readable_answers(user, responses: QuerySet) -> QuerySet:
    """Responses, of any number of campaigns, whose pair's answers the user may read in the
    response's campaign: campaign_pairs_for's rule applied row by row, so one aggregate query can
    span several campaigns (a benchmark trend). The caller still limits the campaigns to those
    of campaigns_for."""
    if is_superuser(user):
        return responses
    visible = Q(round__campaign__is_public=True)
    if is_authenticated(user):
        visible |= Q(
            Exists(CampaignRole.objects.filter(user=user, campaign=OuterRef("round__campaign")))
        )
        visible |= Q(Exists(answering_roles(user, OuterRef("round__campaign"), OuterRef("pair"))))
    return responses.filter(visible)


def answering_participation(user, campaign_slug: str, refnis: str) -> CampaignPair | None:
    """The pair's participation in a campaign, found from the URL's codes, when the user answers
    for that pair there; else None. One query (it runs on every autosave), with the campaign and
    the pair's municipality; `answering_as` holds the administration of the user's role: a
    campaign-bound role wins over a role for all the pair's campaigns."""
    if not is_authenticated(user):
        return None
    role = answering_roles(user, OuterRef("campaign_id"), OuterRef("pair_id")).order_by(
        F("campaign_id").desc(nulls_last=True)
    )
    participation = (
        CampaignPair.objects.select_related("campaign", "pair__municipality__region")
        .filter(campaign__slug=campaign_slug, pair__municipality__refnis=refnis)
        .annotate(answering_as=Subquery(role.values("administration")[:1]))
        .order_by()[:1]
    )
    # The role is checked here, not in SQL: filtering on the subquery would run it for every
    # pair of the campaign before the municipality is matched.
    found = next(iter(participation), None)
    return found if found is not None and found.answering_as is not None else None
