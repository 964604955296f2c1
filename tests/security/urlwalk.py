"""The URL walk for the security properties S1-S3 (QUALITY.md).

Every URL pattern of the site must have an entry in URL_MAP, which says how to fill its captured
arguments with the objects of *another* tenant. A new view without an entry makes the walk fail,
so no view can slip past the access tests. Excluded patterns are listed with the reason.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns that are not Tandem's object views, with why they are outside the walk.
EXCLUDED = {
    "admin": "Django admin: staff only, its own permission checks; non-staff are sent to login",
    "set_language": "Django's language switch: no data",
    "login": "authentication form: no data",
    "logout": "ends the session: no data",
    "pair-subjects": (
        "a pair followed across the frameworks reads each part through that part's own scoping "
        "(pair B is also in the public demo campaigns, so its public scores show to anyone); "
        "tested in tests/benchmark/test_subjects.py"
    ),
    "password_reset_confirm": (
        "Django's reset link: a wrong or spent token reads 'this link no longer works', with no "
        "data; tested in tests/accounts/test_account_pages.py"
    ),
}


@dataclass(frozen=True)
class Target:
    """A URL filled with another tenant's objects and what each role should get."""

    name: str
    kwargs: dict


def walk(patterns=None, namespace=""):
    """Yield (name, pattern string, argument names) for every URL pattern, recursively."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in EXCLUDED or (entry.app_name and entry.app_name in EXCLUDED):
                continue
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            name = entry.name or entry.lookup_str
            yield name, str(entry.pattern), sorted(entry.pattern.converters)


def targets_of_other_tenant(tenants) -> dict[str, list[Target]]:
    """For each URL name, the URLs that point at objects user A must not reach.

    Public pages map to an empty list (nothing tenant-owned to point at)."""
    only_b = tenants["only_b"].slug
    shared = tenants["shared"].slug
    pair_b = tenants["pair_b"].municipality.refnis
    private_b = [only_b] + [tenants[k].slug for k in ("grid_b",) if k in tenants]
    return {
        "home": [],
        "accessibility": [],
        # No arguments: each campaign and register is read through its own scoping (tested in
        # tests/benchmark/test_subject_trend.py).
        "subject-trend": [],
        "health": [],  # the load balancer's probe: no data
        # A person's own pages: no object in the URL, only the logged-in person's own data
        # (tests/accounts checks that nobody else's work is listed).
        "my-work": [],
        "account": [],
        "password_change": [],
        "password_change_done": [],
        # Password reset by e-mail: public forms, no data.
        "password_reset": [],
        "password_reset_done": [],
        "password_reset_complete": [],
        "degree-stylesheet": [],
        "governance": [],
        "campaign": [Target("campaign", {"campaign": only_b})],
        "matrix": [Target("matrix", {"campaign": only_b, "domain": "financieel"})],
        "findings": [Target("findings", {"campaign": only_b, "domain": "financieel"})],
        "findings-download": [
            Target("findings-download", {"campaign": only_b, "domain": "financieel", "fmt": f})
            for f in ("csv", "xlsx", "json")
        ],
        "matrix-download": [
            Target("matrix-download", {"campaign": only_b, "domain": "financieel", "fmt": "csv"}),
            Target("matrix-download", {"campaign": only_b, "domain": "financieel", "fmt": "json"}),
            Target("matrix-download", {"campaign": only_b, "domain": "financieel", "fmt": "xlsx"}),
        ],
        # Every answer as data (issue 17.2): the shared campaign gives pair A's rows only
        # (tests/security/test_access.py and tests/campaigns/test_answers_export.py).
        "answers-download": [
            Target("answers-download", {"campaign": only_b, "fmt": fmt})
            for fmt in ("csv", "xlsx", "json")
        ],
        "campaign-pair": [
            Target("campaign-pair", {"campaign": only_b, "refnis": pair_b}),
            Target("campaign-pair", {"campaign": shared, "refnis": pair_b}),
        ],
        # Benchmarking: pair B's private campaigns (questionnaire, and grid when the tenants
        # hold one), and pair B in the shared campaign.
        "benchmark": [Target("benchmark", {"campaign": c}) for c in private_b],
        "benchmark-export": [
            Target("benchmark-export", {"campaign": c, "fmt": fmt})
            for c in private_b
            for fmt in BENCHMARK_FORMATS
        ],
        "benchmark-pair": [
            Target("benchmark-pair", {"campaign": c, "refnis": pair_b})
            for c in (*private_b, shared)
        ],
        "benchmark-pair-export": [
            Target("benchmark-pair-export", {"campaign": c, "refnis": pair_b, "fmt": fmt})
            for c in (*private_b, shared)
            for fmt in BENCHMARK_FORMATS
        ],
        "benchmark-trends": [Target("benchmark-trends", {"campaign": c}) for c in private_b],
        "benchmark-trends-export": [
            Target("benchmark-trends-export", {"campaign": c, "fmt": fmt})
            for c in private_b
            for fmt in BENCHMARK_FORMATS
        ],
        "questionnaire-start": [Target("questionnaire-start", {"campaign": only_b})],
        # Coordinator pages: user A coordinates nothing; the shared campaign is coordinated by
        # someone else, so both campaigns are out of reach.
        "manage-new": [],
        **{
            name: [Target(name, {"campaign": c}) for c in (only_b, shared)]
            for name in (
                "manage",
                "manage-pairs",
                "manage-people",
                "people-import",
                "reminder-schedule",
                "mail-texts",
                "retry-mails",
                "send-reminders",
                "review-proposals",
            )
        },
        **{
            name: [
                Target(name, {"campaign": c, "refnis": pair_b, "respondent": "joint"})
                for c in (only_b, shared)
            ]
            for name in ("manage-answers", "manage-answers-pdf")
        },
        "pair-extension": [
            Target("pair-extension", {"campaign": c, "refnis": pair_b}) for c in (only_b, shared)
        ],
        "study-texts": [Target("study-texts", {"campaign": c}) for c in (only_b, shared)],
        "study-report": [
            Target("study-report", {"campaign": c, "lang": "nl", "fmt": "html"})
            for c in (only_b, shared)
        ],
        "study-section": [
            Target("study-section", {"campaign": c, "section": s, "language": "nl"})
            for c in (only_b, shared)
            for s in ("general", "financieel")
        ],
        "pair-removal": [
            Target("pair-removal", {"campaign": c, "refnis": pair_b}) for c in (only_b, shared)
        ],
        # An invitation and a campaign-bound role of pair B (made here: few tests want them).
        "people-invitation": [
            Target("people-invitation", {"campaign": c, "invitation": invitation, "action": a})
            for c in (only_b, shared)
            for invitation in (_invitation_of_b(tenants),)
            for a in ("resend", "withdraw")
        ],
        "people-role": [
            Target("people-role", {"campaign": c, "role": role, "action": "take-back"})
            for c in (only_b, shared)
            for role in (_campaign_role_of_b(tenants),)
        ],
        "round-action": [
            Target("round-action", {"campaign": c, "number": 1, "action": action})
            for c in (only_b, shared)
            for action in ("open", "close", "confirm", "reopen")
        ],
        "reopen-submission": [
            Target("reopen-submission", {"campaign": c, "submission": tenants["submission_b"].pk})
            for c in (only_b, shared)
        ],
        # An invitation is reached by its secret token only; a wrong one is not found.
        "invitation": [Target("invitation", {"token": "not-a-real-token"})],
        # The link's page after its first request: the token is in the session, not the URL.
        "invitation-open": [],
        **{
            name: [
                Target(name, {"campaign": only_b, "refnis": pair_b}),
                Target(name, {"campaign": shared, "refnis": pair_b}),
            ]
            for name in (
                "questionnaire",
                "questionnaire-contacts",
                "questionnaire-print",
                "questionnaire-submit",
                "pair-history",
                "pair-comparison",
            )
        },
        "questionnaire-domain": [
            Target(
                "questionnaire-domain",
                {"campaign": c, "refnis": pair_b, "domain": "financieel"},
            )
            for c in (only_b, shared)
        ],
        "questionnaire-row": [
            Target(
                "questionnaire-row",
                {"campaign": c, "refnis": pair_b, "domain": "financieel", "key": key},
            )
            for c in (only_b, shared)
            for key in (f"a{tenants['thesaurie'].pk}", f"o{tenants['own_row_b'].pk}")
        ],
        # The synergy register of pair B (seed 004's capability).
        "registers": [],
        **{
            name: [Target(name, {"refnis": pair_b})]
            for name in ("register", "register-history", "register-import", "pair-people")
        },
        # The integration trajectory of pair B (seed 003).
        **{name: [Target(name, {"refnis": pair_b})] for name in TRAJECTORY_PAIR_VIEWS},
        **{
            name: [Target(name, {"refnis": pair_b, "pk": tenants["interview_b"].pk})]
            for name in ("trajectory-interview", "trajectory-interview-delete")
        },
        "trajectory-export": [
            Target("trajectory-export", {"refnis": pair_b, "fmt": fmt})
            for fmt in ("csv", "xlsx", "json")
        ],
        "trajectory-phase": [
            Target("trajectory-phase", {"refnis": pair_b, "pk": tenants["phase_b"].pk})
        ],
        "trajectory-action": [
            Target("trajectory-action", {"refnis": pair_b, "pk": tenants["action_b"].pk})
        ],
        "trajectory-dossier": [
            Target("trajectory-dossier", {"refnis": pair_b, "dossier": "leningen"})
        ],
        "trajectory-own-dossier": [
            Target("trajectory-own-dossier", {"refnis": pair_b, "pk": tenants["own_dossier_b"].pk})
        ],
        "trajectory-picture": [
            Target("trajectory-picture", {"refnis": pair_b, "perspective": perspective})
            for perspective in ("financial", "strategic")
        ],
        "register-export": [
            Target("register-export", {"refnis": pair_b, "fmt": fmt}) for fmt in ("csv", "xlsx")
        ],
        "register-record-new": [
            Target("register-record-new", {"refnis": pair_b, "kind": kind})
            for kind in REGISTER_KINDS
        ],
        **{
            name: [
                Target(name, {"refnis": pair_b, "kind": kind, "pk": tenants[key].pk})
                for kind, key in REGISTER_KINDS.items()
            ]
            for name in ("register-record", "register-record-delete")
        },
        "register-document-upload": [
            Target(
                "register-document-upload",
                {"refnis": pair_b, "kind": kind, "pk": tenants[f"{kind}_b"].pk},
            )
            for kind in ("synergy", "meeting")
        ],
        "register-document": [
            Target(
                "register-document",
                {"refnis": pair_b, "document": tenants["register_document_b"].pk},
            )
        ],
        **{
            name: [Target(name, {"refnis": pair_b, "year": 2023, "lang": lang})]
            for name in ("synergy-report", "synergy-report-approve")
            for lang in ("nl",)
        },
        "synergy-report-draft": [
            Target("synergy-report-draft", {"refnis": pair_b, "year": 2023, "lang": "nl", "fmt": f})
            for f in ("pdf", "docx", "html")
        ],
        "synergy-report-approved": [
            Target(
                "synergy-report-approved",
                {"refnis": pair_b, "year": 2023, "lang": "nl", "number": 1, "fmt": f},
            )
            for f in ("pdf", "docx", "html")
        ],
        # The analysis grid (seed 000): pair B's synthesis table in both grid campaigns; the
        # campaign pages of the campaign of pair B only.
        "grid-comparison": [Target("grid-comparison", {"campaign": tenants["grid_b"].slug})],
        "grid-factors": [
            Target("grid-factors", {"campaign": tenants["grid_b"].slug, "focus": "planning"})
        ],
        **{
            name: [
                Target(name, {"campaign": tenants[c].slug, "refnis": pair_b})
                for c in ("grid_b", "grid_shared")
            ]
            for name in (
                "grid-pair",
                "grid-table",
                "grid-entry-new",
                "grid-history",
                # The feedback loop's steps on pair B's table.
                "grid-send",
                "grid-answer",
                "grid-reopen",
                "grid-note-new",
            )
        },
        **{
            name: [
                Target(
                    name,
                    {
                        "campaign": tenants[c].slug,
                        "refnis": pair_b,
                        "pk": tenants[f"{c}_note_b"].pk,
                    },
                )
                for c in ("grid_b", "grid_shared")
            ]
            for name in ("grid-note", "grid-note-delete")
        },
        "grid-feedback": [Target("grid-feedback", {"campaign": tenants["grid_b"].slug})],
        "grid-factor-values": [
            Target(
                "grid-factor-values",
                {"campaign": tenants[c].slug, "focus": "planning", "refnis": pair_b},
            )
            for c in ("grid_b", "grid_shared")
        ],
        "grid-pair-domain": [
            Target(
                "grid-pair-domain",
                {"campaign": tenants[c].slug, "refnis": pair_b, "domain": "debiteurenbeheer"},
            )
            for c in ("grid_b", "grid_shared")
        ],
        **{
            name: [
                Target(
                    name,
                    {
                        "campaign": tenants[c].slug,
                        "refnis": pair_b,
                        "pk": tenants[f"{c}_entry_b"].pk,
                    },
                )
                for c in ("grid_b", "grid_shared")
            ]
            for name in ("grid-entry", "grid-entry-delete")
        },
        # The grid's downloads: pair B's table and grid PDF in both grid campaigns; the
        # comparison, its PDF and the factor matrices of the campaign of pair B only.
        "grid-pair-export": [
            Target("grid-pair-export", {"campaign": tenants[c].slug, "refnis": pair_b, "fmt": f})
            for c in ("grid_b", "grid_shared")
            for f in GRID_FORMATS
        ],
        "grid-pair-pdf": [
            Target("grid-pair-pdf", {"campaign": tenants[c].slug, "refnis": pair_b})
            for c in ("grid_b", "grid_shared")
        ],
        "grid-comparison-export": [
            Target("grid-comparison-export", {"campaign": tenants["grid_b"].slug, "fmt": f})
            for f in GRID_FORMATS
        ],
        "grid-matrices-pdf": [Target("grid-matrices-pdf", {"campaign": tenants["grid_b"].slug})],
        "grid-factors-export": [
            Target(
                "grid-factors-export",
                {"campaign": tenants["grid_b"].slug, "focus": "planning", "fmt": f},
            )
            for f in GRID_FORMATS
        ],
        "response-document": [
            Target(
                "response-document",
                {"campaign": c, "refnis": pair_b, "document": tenants["document_b"].pk},
            )
            for c in (only_b, shared)
        ],
    }


def _invitation_of_b(tenants) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from tandem.accounts.models import Invitation

    invitation, _ = Invitation.objects.get_or_create(
        campaign=tenants["only_b"],
        pair=tenants["pair_b"],
        email="invited-b@brugge.be",
        defaults={
            "administration": "gemeente",
            "name": "Invited B",
            "token_hash": "b" * 64,
            "expires_at": timezone.now() + timedelta(days=14),
        },
    )
    return invitation.pk


def _campaign_role_of_b(tenants) -> int:
    from tandem.accounts.models import PairRole

    role, _ = PairRole.objects.get_or_create(
        user=tenants["user_b"],
        pair=tenants["pair_b"],
        role=PairRole.Role.RESPONDENT,
        campaign=tenants["only_b"],
    )
    return role.pk


BENCHMARK_FORMATS = ("csv", "xlsx", "json")
GRID_FORMATS = ("csv", "xlsx", "json")
REGISTER_KINDS = {
    "synergy": "synergy_b",
    "meeting": "meeting_b",
    "measure": "measure_b",
    "focus-group": "focus_group_b",
}
REGISTER_VIEWS = {
    "registers",
    "pair-people",
    "register",
    "register-history",
    "register-import",
    "register-export",
    "register-record-new",
    "register-record",
    "register-record-delete",
    "register-document-upload",
    "register-document",
    "synergy-report",
    "synergy-report-approve",
    "synergy-report-draft",
    "synergy-report-approved",
}

TRAJECTORY_PAIR_VIEWS = (
    "trajectory",
    "trajectory-print",
    "trajectory-history",
    "trajectory-settings",
    "trajectory-interview-new",
    "trajectory-own-dossier-new",
    "trajectory-target",
    "trajectory-phase-new",
    "trajectory-action-new",
)
TRAJECTORY_VIEWS = {
    *TRAJECTORY_PAIR_VIEWS,
    "trajectory-interview",
    "trajectory-interview-delete",
    "trajectory-picture",
    "trajectory-dossier",
    "trajectory-own-dossier",
    "trajectory-export",
    "trajectory-phase",
    "trajectory-action",
}

# Views that send an anonymous visitor to the login page (the same answer whether or not the
# object exists, so nothing leaks); every other private URL answers 404.
LOGIN_FIRST = {
    "questionnaire-start",
    "questionnaire",
    "questionnaire-contacts",
    "questionnaire-print",
    "questionnaire-submit",
    "questionnaire-domain",
    "questionnaire-row",
    *REGISTER_VIEWS,
    *TRAJECTORY_VIEWS,
    # The grid's edit pages keep a POST typed after the session expired (login first).
    "grid-table",
    "grid-entry-new",
    "grid-entry",
    "grid-entry-delete",
    "grid-factor-values",
    "grid-send",
    "grid-answer",
    "grid-reopen",
    "grid-note-new",
    "grid-note",
    "grid-note-delete",
    # Actions send an expired session to the login page and back to the page with their button
    # (never replayed); anonymous visitors learn nothing there either.
    "round-action",
    "send-reminders",
    "reopen-submission",
    "pair-removal",
    "study-section",
    "people-invitation",
    "people-role",
    "retry-mails",
}
