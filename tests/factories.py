"""Small factories for the objects tests create: users, roles, campaigns, answers, registers."""

import datetime
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from tandem.accounts.models import CampaignRole, PairRole
from tandem.campaigns.models import (
    Campaign,
    CampaignPair,
    ContactPerson,
    ProposedAspect,
    Response,
    ResponseDocument,
    Round,
    Submission,
)
from tandem.catalogue.models import Framework, SynergyDomain
from tandem.places.models import Pair, PeerGroup
from tandem.synergies.models import FocusGroup, Measure, Meeting, Synergy

PASSWORD = "correct horse battery staple"
FRAMEWORK = "management-2010"
LANGUAGES = ("nl", "fr", "en")

_serial = count(1)


def _next() -> int:
    return next(_serial)


# --- reference data and catalogue (loaded once per session: looked up, never created) ----------


def pair(refnis):
    """The pair of the municipality with this REFNIS code; a Pair is returned as it is."""
    if isinstance(refnis, Pair):
        return refnis
    return Pair.objects.select_related("municipality__region").get(municipality__refnis=refnis)


def framework(slug=FRAMEWORK):
    """A framework of the catalogue by its slug; a Framework is returned as it is."""
    if isinstance(slug, Framework):
        return slug
    return Framework.objects.get(slug=slug)


# The factories below take `pair=` and `framework=` arguments, which hide these two functions.
_as_pair, _as_framework = pair, framework


# --- people and their roles --------------------------------------------------------------------


def user(*, username=None, password=PASSWORD, email=None, **extra):
    """A user who can log in with `password`; the e-mail address is the user name when that is
    an address, otherwise `<username>@example.be`."""
    username = username or f"user-{_next()}"
    if email is None:
        email = username if "@" in username else f"{username}@example.be"
    return get_user_model().objects.create_user(
        username=username, password=password, email=email, **extra
    )


def superuser(*, username=None, **extra):
    return user(username=username, is_staff=True, is_superuser=True, **extra)


def pair_role(*, user, pair, role=PairRole.Role.RESPONDENT, **extra):
    """A role for a pair (respondent by default); `campaign=` binds it to one campaign."""
    return PairRole.objects.create(user=user, pair=_as_pair(pair), role=role, **extra)


def campaign_role(*, user, campaign, role=CampaignRole.Role.COORDINATOR):
    return CampaignRole.objects.create(user=user, campaign=campaign, role=role)


# --- campaigns ---------------------------------------------------------------------------------


def campaign(
    *, framework=FRAMEWORK, slug=None, name=None, year=2026, pairs=(), is_public=False, **extra
):
    """A campaign without rounds, with `pairs` (Pairs or REFNIS codes) taking part. Without a
    name (nor `name_nl`, `name_fr` …) it is called after its slug."""
    slug = slug or f"campaign-{_next()}"
    if name is None and not any(key.startswith("name_") for key in extra):
        name = f"Campaign {slug}"
    names = {} if name is None else {"name": name}
    created = Campaign.objects.create(
        slug=slug,
        framework=_as_framework(framework),
        year=year,
        is_public=is_public,
        **names,
        **extra,
    )
    for taking_part in pairs:
        participation(campaign=created, pair=taking_part)
    return created


def participation(*, campaign, pair, **extra):
    """A pair taking part in a campaign (joint answers in Dutch unless told otherwise)."""
    return CampaignPair.objects.create(campaign=campaign, pair=_as_pair(pair), **extra)


def round_(*, campaign, number=1, status=Round.Status.CLOSED, **extra):
    """A round of a campaign, closed by default: its submitted answers count in the matrices."""
    return Round.objects.create(campaign=campaign, number=number, status=status, **extra)


def peer_group(*, slug=None, name=None, pairs=()):
    """A peer group of `pairs` (Pairs or REFNIS codes), with the same name in every language."""
    slug = slug or f"group-{_next()}"
    name = f"Group {slug}" if name is None else name
    group = PeerGroup.objects.create(
        slug=slug, **{f"name_{language}": name for language in LANGUAGES}
    )
    group.pairs.set([_as_pair(member) for member in pairs])
    return group


# --- what pairs answer -------------------------------------------------------------------------


def response(*, round_, pair, aspect=None, degree=None, status=Response.Status.DRAFT, **extra):
    """A pair's answer in a round for a catalogue aspect, or for an own row (`proposal=`)."""
    return Response.objects.create(
        round=round_,
        pair=_as_pair(pair),
        aspect=aspect,
        degree=degree,
        status=status,
        **extra,
    )


def own_row(*, round_, pair, domain, label=None, **extra):
    """An aspect a pair named itself in a round ('Andere (specifieer)')."""
    return ProposedAspect.objects.create(
        campaign=round_.campaign,
        round=round_,
        pair=_as_pair(pair),
        domain=domain,
        label=label or f"Own aspect {_next()}",
        **extra,
    )


def submission(*, round_, pair, submitted_at=None, **extra):
    """A submitted questionnaire (joint unless `respondent=` says otherwise)."""
    return Submission.objects.create(
        round=round_,
        pair=_as_pair(pair),
        submitted_at=submitted_at or timezone.now(),
        **extra,
    )


def document(*, response, original_name="document.pdf", file="responses/none", **extra):
    """A document attached to an answer, recorded without a stored file."""
    fields = {"content_type": "application/pdf", "size": 1, "sha256": "0" * 64, **extra}
    return ResponseDocument.objects.create(
        response=response, file=file, original_name=original_name, **fields
    )


def contact_person(
    *, campaign, pair, contact_domain=None, administration="gemeente", name=None, **extra
):
    """A pair's contact person, for the first contact domain of the campaign's framework unless
    told otherwise."""
    return ContactPerson.objects.create(
        campaign=campaign,
        pair=_as_pair(pair),
        contact_domain=contact_domain or campaign.framework.contact_domains.first(),
        administration=administration,
        name=name or f"Contact {_next()}",
        **extra,
    )


# --- a pair's synergy register -----------------------------------------------------------------


def _synergy_domain(domain):
    return domain if isinstance(domain, SynergyDomain) else SynergyDomain.objects.get(slug=domain)


def synergy(*, pair, domain="communicatie", title_nl=None, start_year=2020, **extra):
    return Synergy.objects.create(
        pair=_as_pair(pair),
        domain=_synergy_domain(domain),
        title_nl=title_nl or f"Synergie {_next()}",
        start_year=start_year,
        **extra,
    )


def meeting(
    *,
    pair,
    kind=Meeting.Kind.STEERING_GROUP,
    date=datetime.date(2022, 9, 1),
    title_nl=None,
    **extra,
):
    return Meeting.objects.create(
        pair=_as_pair(pair),
        kind=kind,
        date=date,
        title_nl=title_nl or f"Stuurgroep {_next()}",
        **extra,
    )


def measure(*, pair, domain="communicatie", title_nl=None, year=2023, **extra):
    return Measure.objects.create(
        pair=_as_pair(pair),
        domain=_synergy_domain(domain),
        title_nl=title_nl or f"Maatregel {_next()}",
        year=year,
        **extra,
    )


def focus_group(*, pair, service=None, **extra):
    return FocusGroup.objects.create(
        pair=_as_pair(pair), service=service or f"Dienst {_next()}", **extra
    )
