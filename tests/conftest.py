"""Shared fixtures: the reference data, catalogue and demo campaign are loaded once per test
session; every test then runs in a transaction that is rolled back.

Two seeded tenants for the security tests (QUALITY.md S1-S3): pair A (Aalst) and pair B (Brugge),
each with a respondent, both in a private campaign; plus a coordinator of that campaign, a
supervisor without roles, and a second private campaign that only pair B takes part in.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tandem.campaigns.models import Campaign, Response
from tandem.campaigns.services import coordination
from tandem.catalogue.services import load_catalogue
from tandem.demo.services import load_demo
from tandem.places.services import load_reference
from tests import factories


def load_all():
    load_reference()
    load_catalogue()
    load_demo()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_all()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background jobs (campaigns.mails) run when queued, so a test sees their mail in the
    outbox; tests of the worker itself set the database backend."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _no_language_from_an_earlier_test():
    """A request activates its language in the test's thread and nothing restores it (in a
    server each request sets its own); a command run in a later test then spoke that language
    instead of Tandem's default, Dutch, depending on the order of the tests (CI caught it)."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The catalogue's kept copies (tandem.catalogue.cache) must not outlive a test's rolled-back
    data: ids are reused after a rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def reload_after(django_db_blocker):
    """For a module of transactional tests (flushed after each): put the session's reference
    data, catalogue and demo back for whatever runs after the module."""
    yield
    from tandem.places.models import Region

    with django_db_blocker.unblock():
        if not Region.objects.exists():
            load_all()


@pytest.fixture
def demo_campaign(db):
    return Campaign.objects.get(slug="centrumsteden-2010")


@pytest.fixture
def tenants(db):
    """Pair A and pair B with their users, and two private campaigns."""
    framework = factories.framework("management-2010")
    pair_a = factories.pair("41002")  # Aalst
    pair_b = factories.pair("31005")  # Brugge
    shared = factories.campaign(
        framework=framework, slug="private-shared", name="Private shared campaign"
    )
    only_b = factories.campaign(
        framework=framework, slug="private-b", name="Campaign of pair B only"
    )
    aspect = framework.domains.get(slug="financieel").aspects.get(slug="thesaurie")
    for campaign, pairs in ((shared, [pair_a, pair_b]), (only_b, [pair_b])):
        round_ = factories.round_(campaign=campaign)
        for pair in pairs:
            factories.participation(campaign=campaign, pair=pair)
            response = factories.response(
                round_=round_, pair=pair, aspect=aspect, degree=2, status=Response.Status.SUBMITTED
            )
    # Pair B's own objects that pair A must never reach: an 'other' row and a document.
    own_row_b = factories.own_row(
        round_=round_, pair=pair_b, domain=aspect.domain, label="Eigen rij B"
    )
    factories.response(round_=round_, pair=pair_b, proposal=own_row_b, degree=1)
    submission_b = factories.submission(round_=round_, pair=pair_b)
    # An 'other' row of pair B promoted to an aspect in B's own campaign: its text is B's.
    promoted_b = coordination.promote_proposal(
        proposal=factories.own_row(
            round_=round_, pair=pair_b, domain=aspect.domain, label="Geheime werking B"
        ),
        labels={"nl": "Geheime werking B"},
        short_labels={"nl": "Geheim B"},
        user=None,
    )
    document_b = factories.document(response=response, original_name="b.pdf")
    user_a = factories.user(username="respondent-a")
    user_b = factories.user(username="respondent-b")
    factories.pair_role(user=user_a, pair=pair_a)
    factories.pair_role(user=user_b, pair=pair_b)
    coordinator = factories.user(username="coordinator")
    factories.campaign_role(user=coordinator, campaign=shared)
    supervisor = factories.user(username="supervisor")
    register_b = _register_of(pair_b)
    grid_b = _grid_of(pair_a, pair_b)
    return {
        **register_b,
        **grid_b,
        "pair_a": pair_a,
        "pair_b": pair_b,
        "shared": shared,
        "only_b": only_b,
        "user_a": user_a,
        "user_b": user_b,
        "coordinator": coordinator,
        "supervisor": supervisor,
        "framework": framework,
        "thesaurie": aspect,
        "own_row_b": own_row_b,
        "promoted_b": promoted_b,
        "document_b": document_b,
        "submission_b": submission_b,
    }


def _grid_of(pair_a, pair_b):
    """Two private grid campaigns (seed 000's analysis grid): one of pairs A and B, one of pair
    B only; pair B has a synthesis entry with an obstacle and a factor value in each."""
    from tandem.catalogue.models import CooperationFocus, Factor, ObstacleType
    from tandem.grid.models import (
        FactorColumn,
        FactorMatrix,
        FactorRow,
        FactorValue,
        GridEntry,
        GridObstacle,
        PracticeNote,
        SynthesisTable,
    )

    framework = factories.framework("financieel-2012")
    domain = framework.domains.get(slug="debiteurenbeheer")
    factor = Factor.objects.get(slug="historiek-overleg")
    found = {}
    for slug, pairs in (("grid-shared", [pair_a, pair_b]), ("grid-b", [pair_b])):
        campaign = factories.campaign(framework=framework, slug=slug, name=f"Grid {slug}")
        factories.round_(campaign=campaign)
        matrix = FactorMatrix.objects.create(
            campaign=campaign, focus=CooperationFocus.objects.get(slug="planning")
        )
        row = FactorRow.objects.create(matrix=matrix, factor=factor, order=1)
        for order, pair in enumerate(pairs, start=1):
            participation = factories.participation(campaign=campaign, pair=pair)
            table = SynthesisTable.objects.create(participation=participation)
            entry = GridEntry.objects.create(
                table=table, domain=domain, stage="desirable", label=f"Debiteuren {pair}", order=1
            )
            entry.components.set(domain.aspects.filter(slug="debiteurenbeheer"))
            obstacle = GridObstacle.objects.create(entry=entry, text="privacy", order=1)
            obstacle.types.set(ObstacleType.objects.filter(slug="juridisch"))
            column = FactorColumn.objects.create(
                matrix=matrix, participation=participation, order=order
            )
            FactorValue.objects.create(row=row, column=column, symbol="+")
            note = PracticeNote.objects.create(
                participation=participation,
                domain=domain,
                title_nl=f"Goede praktijk {pair}",
                text_nl=f"Geheime werkwijze van {pair}",
            )
            if pair == pair_b:
                found[slug.replace("-", "_")] = campaign
                found[f"{slug.replace('-', '_')}_entry_b"] = entry
                found[f"{slug.replace('-', '_')}_note_b"] = note
    return found


def _register_of(pair):
    """One object of each kind in a pair's synergy register, for the URL walk (S1)."""
    from datetime import date

    from tandem.synergies.models import ApprovedReport, RegisterDocument

    synergy = factories.synergy(pair=pair, title_nl="Synergie B", start_year=2020)
    meeting = factories.meeting(pair=pair, date=date(2022, 9, 1), title_nl="Stuurgroep B")
    measure = factories.measure(pair=pair, title_nl="Maatregel B", year=2023)
    focus_group = factories.focus_group(pair=pair, service="IT B")
    document = RegisterDocument.objects.create(
        pair=pair,
        synergy=synergy,
        kind=RegisterDocument.Kind.AGREEMENT,
        file="register/none",
        original_name="b.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    approved = ApprovedReport.objects.create(
        pair=pair,
        year=2023,
        language="nl",
        number=1,
        body=ApprovedReport.Body.CONSULTATION_COMMITTEE,
        decision_date=date(2023, 1, 30),
        pdf="reports/none.pdf",
        pdf_sha256="0" * 64,
        docx="reports/none.docx",
        docx_sha256="0" * 64,
        html="reports/none.html",
        html_sha256="0" * 64,
    )
    return {
        "synergy_b": synergy,
        "meeting_b": meeting,
        "measure_b": measure,
        "focus_group_b": focus_group,
        "register_document_b": document,
        "approved_b": approved,
        **_trajectory_of(pair),
    }


def _trajectory_of(pair):
    """The pair's integration trajectory with one interview and one scan picture (S1)."""
    from datetime import date

    from tandem.trajectory.models import (
        Action,
        DossierDecision,
        Interview,
        Phase,
        ScanPicture,
        Trajectory,
    )

    trajectory = Trajectory.objects.create(pair=pair)
    interview = Interview.objects.create(
        trajectory=trajectory,
        held_on=date(2026, 3, 2),
        witness="Geheime getuige B",
        administration=Interview.Administration.WELFARE_CENTRE,
        role="algemeen directeur",
        perspectives=["financial"],
        support="Geheim draagvlak B",
    )
    ScanPicture.objects.create(trajectory=trajectory, perspective="financial", text="Geheim B")
    own = DossierDecision.objects.create(
        trajectory=trajectory,
        own_name="Geheim dossier B",
        cooperates=False,
        motivation="Geheime reden B",
        decided_on=date(2026, 1, 5),
    )
    phase = Phase.objects.create(trajectory=trajectory, number=1, name="Geheime fase B")
    action = Action.objects.create(
        phase=phase,
        title="Geheime actie B",
        owner=Action.Owner.JOINT,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 6, 30),
    )
    return {
        "trajectory_b": trajectory,
        "interview_b": interview,
        "own_dossier_b": own,
        "phase_b": phase,
        "action_b": action,
    }


@pytest.fixture
def client_as(client):
    """Log a user in on the test client: client_as(user)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def expired_client(client):
    """A browser that was logged in until its session expired: what it posts now is kept for
    after the next login (core.pending keeps only such a browser's posts)."""
    client.force_login(factories.user())
    client.get(reverse("home"))  # any page marks the logged-in browser
    del client.cookies[settings.SESSION_COOKIE_NAME]
    return client


@pytest.fixture(autouse=True)
def _keep_test_connection_open(monkeypatch):
    """`tandem VERB` runs a management command, which closes every connection when it ends (right
    for a process that exits). Inside a test that would drop the connection holding the test's
    transaction (PostgreSQL), so the suite lets the connection live."""
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)
