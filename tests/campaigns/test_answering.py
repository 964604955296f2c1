"""The questionnaire's rules (seed 001's flow) as services: saving, follow-ups by degree, own
'other' rows, version conflicts, submitting and reopening."""

import pytest

from tandem.campaigns.completeness import problems_of
from tandem.campaigns.models import Response, Submission
from tandem.campaigns.queries import questionnaire_aspects
from tandem.campaigns.services.answering import (
    EditConflict,
    Incomplete,
    QuestionnaireClosed,
    add_own_row,
    reopen,
    save_answer,
    submit,
)
from tandem.catalogue.models import Instrument, ObstacleType, ReasonCluster

JOINT = Response.Respondent.JOINT


def _save(
    inventory, aspect, values, version=0, user=None, respondent=JOINT, pair=None, form_token=""
):
    return save_answer(
        round_=inventory["round"],
        pair=pair or inventory["pair_a"],
        respondent=respondent,
        aspect=aspect,
        values=values,
        expected_version=version,
        user=user or inventory["user_a"],
        form_token=form_token,
    )


def _answer_everything(inventory, user=None, pair=None, respondent=JOINT):
    for domain in inventory["framework"].domains.all():
        for aspect in questionnaire_aspects(inventory["round"], domain):
            existing = Response.objects.filter(
                round=inventory["round"],
                pair=pair or inventory["pair_a"],
                respondent=respondent,
                aspect=aspect,
            ).first()
            _save(
                inventory,
                aspect,
                {"degree": 2, "obstacles": "geen"},
                version=existing.version if existing else 0,
                user=user,
                pair=pair,
                respondent=respondent,
            )


def test_no_cooperation_asks_whether_cooperation_is_desirable(inventory):
    aspect = inventory["aspects"][0]
    response = _save(
        inventory,
        aspect,
        {
            "degree": 0,
            "reasons": "aparte diensten",
            "desirable": True,
            "desirable_reasons": "schaalvoordelen",
            "formal_desirable": True,  # belongs to informal: dropped
            "obstacles": "regelgeving",  # belongs to formal: dropped
            "regulation": "convenant",  # only with cooperation: dropped
        },
    )
    response.refresh_from_db()
    assert (response.degree, response.desirable, response.desirable_reasons) == (
        0,
        True,
        "schaalvoordelen",
    )
    assert response.formal_desirable is None
    assert response.obstacles == "" and response.regulation == ""
    assert response.version == 1 and response.status == Response.Status.DRAFT


def test_informal_cooperation_asks_whether_formal_cooperation_is_desirable(inventory):
    instrument = Instrument.objects.first()
    response = _save(
        inventory,
        inventory["aspects"][1],
        {
            "degree": 1,
            "formal_desirable": False,
            "formal_desirable_reasons": "werkt goed zo",
            "instrument": instrument,
            "regulation": "mondelinge afspraken",
            "desirable": True,
        },
    )
    response.refresh_from_db()
    assert response.formal_desirable is False
    assert response.formal_desirable_reasons == "werkt goed zo"
    assert response.instrument == instrument and response.regulation == "mondelinge afspraken"
    assert response.desirable is None


def test_formal_cooperation_asks_for_obstacles_with_their_types(inventory):
    types = list(ObstacleType.objects.all()[:2])
    clusters = list(ReasonCluster.objects.all()[:1])
    response = _save(
        inventory,
        inventory["aspects"][2],
        {
            "degree": 2,
            "obstacles": "aparte boekhouding",
            "obstacle_types": types,
            "reason_clusters": clusters,
            "formal_desirable": True,
        },
    )
    response.refresh_from_db()
    assert response.obstacles == "aparte boekhouding" and response.formal_desirable is None
    assert set(response.obstacle_types.all()) == set(types)
    assert list(response.reason_clusters.all()) == clusters


def test_changing_the_degree_clears_follow_ups_that_no_longer_apply_but_history_keeps_them(
    inventory,
):
    aspect = inventory["aspects"][0]
    first = _save(inventory, aspect, {"degree": 2, "obstacles": "juridisch kader"})
    first.obstacle_types.set(ObstacleType.objects.all()[:1])
    second = _save(inventory, aspect, {"degree": 0, "desirable": False}, version=1)
    second.refresh_from_db()
    assert second.obstacles == "" and not second.obstacle_types.exists()
    assert "juridisch kader" in [h.obstacles for h in second.history.all()]


def _terms(record, name):
    """The term ids a history record kept for a many-to-many field."""
    target = Response._meta.get_field(name).m2m_reverse_field_name()
    return {getattr(row, f"{target}_id") for row in getattr(record, name).all()}


def test_each_save_writes_one_history_record_with_the_terms_as_saved(inventory):
    aspect = inventory["aspects"][2]
    types = list(ObstacleType.objects.order_by("pk")[:3])
    clusters = list(ReasonCluster.objects.order_by("pk")[:2])
    first = _save(
        inventory, aspect, {"degree": 2, "obstacle_types": types[:2], "reason_clusters": clusters}
    )
    _save(
        inventory,
        aspect,
        {"degree": 2, "obstacle_types": types[1:], "reason_clusters": clusters[:1]},
        version=1,
    )
    # Obstacles are not asked without formal cooperation; the reason kinds are left out of
    # the values, so they stay as stored.
    _save(inventory, aspect, {"degree": 0, "desirable": True}, version=2)
    records = list(first.history.order_by("history_date", "history_id"))
    # A new answer with terms: its creation, then its terms; then one record per save.
    assert [r.history_type for r in records] == ["+", "~", "~", "~"]
    ids = [
        (set(), set()),
        ({t.pk for t in types[:2]}, {c.pk for c in clusters}),
        ({t.pk for t in types[1:]}, {clusters[0].pk}),
        (set(), {clusters[0].pk}),
    ]
    assert [(_terms(r, "obstacle_types"), _terms(r, "reason_clusters")) for r in records] == ids
    first.refresh_from_db()
    assert not first.obstacle_types.exists()
    assert list(first.reason_clusters.all()) == clusters[:1]


def test_a_save_after_the_pair_submitted_is_refused(inventory):
    _answer_everything(inventory)
    submit(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        respondent=JOINT,
        user=inventory["user_a"],
    )
    stored = Response.objects.get(round=inventory["round"], aspect=inventory["aspects"][0])
    with pytest.raises(QuestionnaireClosed):
        _save(inventory, inventory["aspects"][0], {"degree": 0}, version=stored.version)
    stored.refresh_from_db()
    assert stored.status == Response.Status.SUBMITTED and stored.degree == 2


def test_a_stale_save_is_refused_with_the_stored_answer(inventory):
    aspect = inventory["aspects"][0]
    _save(inventory, aspect, {"degree": 1, "reasons": "first person"})
    with pytest.raises(EditConflict) as conflict:
        _save(
            inventory,
            aspect,
            {"degree": 2, "reasons": "second person"},
            version=0,
            user=inventory["coordinator"],
        )
    assert conflict.value.current.reasons == "first person"
    stored = Response.objects.get(round=inventory["round"], aspect=aspect)
    assert (stored.degree, stored.reasons, stored.version) == (1, "first person", 1)


def test_an_own_other_row_is_answered_like_an_aspect(inventory):
    row = add_own_row(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        respondent=JOINT,
        domain=inventory["financieel"],
        label="  Budget   en meerjarenplanning ",
        user=inventory["user_a"],
    )
    assert row.proposal.label == "Budget en meerjarenplanning"
    saved = save_answer(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        respondent=JOINT,
        proposal=row.proposal,
        values={"degree": 1, "formal_desirable": True},
        expected_version=row.version,
        user=inventory["user_a"],
    )
    assert saved.pk == row.pk and saved.degree == 1


def test_submit_lists_what_is_missing_and_writes_nothing(inventory):
    _save(inventory, inventory["aspects"][0], {"degree": 0})
    with pytest.raises(Incomplete) as incomplete:
        submit(
            round_=inventory["round"],
            pair=inventory["pair_a"],
            respondent=JOINT,
            user=inventory["user_a"],
        )
    messages = [p.message for p in incomplete.value.problems]
    assert "say whether cooperation is desirable" in messages
    assert "choose no, informal or formal cooperation" in messages
    assert not Submission.objects.filter(round=inventory["round"]).exists()
    assert not Response.objects.filter(status=Response.Status.SUBMITTED, round=inventory["round"])


def test_submit_is_atomic_and_idempotent(inventory):
    _answer_everything(inventory)
    assert problems_of(inventory["round"], inventory["pair_a"], JOINT) == []
    args = {"round_": inventory["round"], "pair": inventory["pair_a"], "respondent": JOINT}
    submission, created = submit(**args, user=inventory["user_a"])
    again, created_again = submit(**args, user=inventory["user_a"])
    assert (created, created_again) == (True, False) and again.pk == submission.pk
    assert Submission.objects.filter(round=inventory["round"]).count() == 1
    answers = Response.objects.filter(round=inventory["round"], pair=inventory["pair_a"])
    assert answers.exists() and set(answers.values_list("status", flat=True)) == {"submitted"}
    with pytest.raises(QuestionnaireClosed):
        _save(inventory, inventory["aspects"][0], {"degree": 0}, version=1)


def test_reopen_needs_a_reason_and_the_history_keeps_it(inventory):
    _answer_everything(inventory)
    args = {"round_": inventory["round"], "pair": inventory["pair_a"], "respondent": JOINT}
    submission, _ = submit(**args, user=inventory["user_a"])
    with pytest.raises(ValueError):
        reopen(submission=submission, user=inventory["coordinator"], reason="  ")
    reopen(
        submission=submission, user=inventory["coordinator"], reason="Thesaurie verkeerd ingevuld"
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REOPENED
    assert [h.status for h in submission.history.order_by("history_date")] == [
        "submitted",
        "reopened",
    ]
    assert submission.history.latest().reopen_reason == "Thesaurie verkeerd ingevuld"
    assert submission.history.latest().history_user == inventory["coordinator"]
    edited = _save(inventory, inventory["aspects"][0], {"degree": 1}, version=1)
    assert edited.status == Response.Status.DRAFT


def test_every_change_is_kept_with_who_and_the_old_and_new_value(inventory):
    aspect = inventory["aspects"][0]
    _save(inventory, aspect, {"degree": 0, "desirable": True})
    response = _save(inventory, aspect, {"degree": 1}, version=1, user=inventory["coordinator"])
    newest, oldest = response.history.order_by("-history_date")[:2]
    delta = newest.diff_against(oldest)
    changes = {c.field: (c.old, c.new) for c in delta.changes}
    assert changes["degree"] == (0, 1) and changes["desirable"] == (True, None)
    assert newest.history_user == inventory["coordinator"]
    assert oldest.history_user == inventory["user_a"]


def test_the_same_pages_racing_saves_are_not_a_conflict(inventory):
    aspect = inventory["aspects"][0]
    # An autosave the page has not seen back yet, then the same page's Save button.
    _save(inventory, aspect, {"degree": 1}, form_token="page-1")
    latest = _save(inventory, aspect, {"degree": 2}, version=0, form_token="page-1")
    assert (latest.degree, latest.version) == (2, 2)


def test_a_stale_tab_of_the_same_person_is_a_conflict(inventory):
    """Issue 15.4: the same person's older tab (another form instance) does not overwrite."""
    aspect = inventory["aspects"][0]
    _save(inventory, aspect, {"degree": 1, "reasons": "nieuwe tekst"}, form_token="tab-new")
    with pytest.raises(EditConflict) as clash:
        _save(inventory, aspect, {"degree": 0, "reasons": "oud"}, version=0, form_token="tab-old")
    assert clash.value.current.reasons == "nieuwe tekst"
    with pytest.raises(EditConflict):  # no token at all (the API, a script): never skipped
        _save(inventory, aspect, {"degree": 0}, version=0)


def test_a_page_that_saved_last_still_conflicts_with_someone_elses_save_before(inventory):
    aspect = inventory["aspects"][0]
    _save(inventory, aspect, {"degree": 1}, form_token="page-a")  # version 1, page A
    other = inventory["coordinator"]
    _save(inventory, aspect, {"degree": 2}, version=1, user=other, form_token="page-c")
    with pytest.raises(EditConflict):
        _save(inventory, aspect, {"degree": 0}, version=1, form_token="page-a")


def test_submitting_writes_each_answers_history_and_reopening_too(inventory):
    """Each answer's latest history record says it was submitted, by the submitter; after a
    reopening, that it is a draft again, by the coordinator who reopened it."""
    _answer_everything(inventory)
    args = {"round_": inventory["round"], "pair": inventory["pair_a"], "respondent": JOINT}
    submission, _ = submit(**args, user=inventory["user_a"])
    answers = Response.objects.filter(round=inventory["round"], pair=inventory["pair_a"])
    assert answers.count() > 10
    for answer in answers:
        latest = answer.history.latest()
        assert (latest.status, latest.history_user) == ("submitted", inventory["user_a"])
    records = Response.history.filter(round=inventory["round"]).count()
    submit(**args, user=inventory["user_a"])  # a double click writes nothing more
    assert Response.history.filter(round=inventory["round"]).count() == records
    reopen(submission=submission, user=inventory["coordinator"], reason="Thesaurie herzien")
    for answer in answers:
        latest = answer.history.latest()
        assert (latest.status, latest.history_user) == ("draft", inventory["coordinator"])


def test_a_draft_or_a_reopened_answer_never_counts_in_the_matrix(inventory):
    """scores(): only submitted joint answers; a draft left when the round closes is out."""
    from tandem.campaigns.queries import scores

    _answer_everything(inventory)
    args = {"round_": inventory["round"], "pair": inventory["pair_a"], "respondent": JOINT}
    submission, _ = submit(**args, user=inventory["user_a"])
    aspect = inventory["aspects"][0]
    _save(inventory, aspect, {"degree": 2}, pair=inventory["pair_b"], user=inventory["user_b"])
    counted = {(pair, a) for pair, a, _degree in scores(inventory["round"], [aspect])}
    assert counted == {(inventory["pair_a"].pk, aspect.pk)}
    reopen(submission=submission, user=inventory["coordinator"], reason="Herzien")
    assert list(scores(inventory["round"], [aspect])) == []
