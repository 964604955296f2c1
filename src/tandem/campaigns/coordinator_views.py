"""The coordinator's pages: create a campaign, choose its pairs, invite respondents, follow
progress, send reminders, run the rounds, review the 'other' aspects and reopen a submission."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.campaigns import invitations
from tandem.catalogue.models import Framework
from tandem.places.models import Administration, Pair, PeerGroup, Province, Region
from tandem.places.naming import pair_name

from . import coordination
from .answering import current_round
from .forms import ReopenForm
from .models import Campaign, CampaignPair, ProposedAspect, Round, Submission
from .scoping import coordinated_campaigns, may_create_campaigns

RESERVED_SLUGS = {"new"}  # campaigns/new/ creates a campaign


class CampaignForm(forms.ModelForm):
    """A new campaign, named and described in each language its pairs and readers use; a
    language left empty shows the name of another (modeltranslation's fallback)."""

    class Meta:
        model = Campaign
        fields = [
            "name_nl",
            "name_fr",
            "name_en",
            "slug",
            "framework",
            "year",
            "deadline",
            "description_nl",
            "description_fr",
            "description_en",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.all()
        labels = {
            "name": (gettext_lazy("Name in Dutch"), gettext_lazy("Name in French")),
            "description": (
                gettext_lazy("Description in Dutch"),
                gettext_lazy("Description in French"),
            ),
        }
        for field, (dutch, french) in labels.items():
            self.fields[f"{field}_nl"].label = dutch
            self.fields[f"{field}_fr"].label = french
        self.fields["name_en"].label = gettext_lazy("Name in English")
        self.fields["description_en"].label = gettext_lazy("Description in English")
        for name in ("name_nl", "name_fr", "name_en"):
            self.fields[name].required = False

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This code is reserved; choose another."))
        return slug

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{code}") for code in ("nl", "fr", "en")):
            self.add_error("name_nl", _("Give the campaign a name, in Dutch or in French."))
        return data

    def service_arguments(self) -> dict:
        """The cleaned fields as create_campaign takes them: a text per language."""
        data = dict(self.cleaned_data)
        texts = {}
        for field in ("name", "description"):
            texts[field] = {code: data.pop(f"{field}_{code}") or "" for code in ("nl", "fr", "en")}
        return {**data, **texts}


class InviteForm(forms.Form):
    pair = forms.ModelChoiceField(label=gettext_lazy("Pair"), queryset=Pair.objects.none())
    administration = forms.ChoiceField(
        label=gettext_lazy("Administration"), choices=Administration.Kind.choices
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail address"))

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        pairs = Pair.objects.filter(participations__campaign=campaign).select_related(
            "municipality__region"
        )
        self.fields["pair"].queryset = pairs
        self.fields["pair"].label_from_instance = pair_name


def _coordinated(request, slug) -> Campaign:
    return get_object_or_404(
        coordinated_campaigns(request.user).select_related("framework"), slug=slug
    )


def new_campaign(request):
    if not may_create_campaigns(request.user):
        raise Http404("not a coordinator")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = coordination.create_campaign(user=request.user, **form.service_arguments())
        messages.success(request, _("The campaign is created. Now choose its pairs."))
        return redirect("manage-pairs", campaign.slug)
    return render(
        request,
        "campaigns/manage_new.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def manage(request, campaign):
    campaign = _coordinated(request, campaign)
    invite_form = InviteForm(request.POST if request.method == "POST" else None, campaign=campaign)
    if request.method == "POST":
        if invite_form.is_valid():
            data = invite_form.cleaned_data
            invitations.invite(
                campaign=campaign,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **data,
            )
            messages.success(
                request, _("The invitation is sent to %(email)s.") % {"email": data["email"]}
            )
            return redirect("manage", campaign.slug)
    round_ = campaign.rounds.exclude(status=Round.Status.PLANNED).order_by("-number").first()
    rows = coordination.progress(round_) if round_ else []
    domains = list(campaign.framework.domains.order_by("number"))
    return render(
        request,
        "campaigns/manage.html",
        {
            "campaign": campaign,
            "rounds": campaign.rounds.order_by("number"),
            "round": round_,
            "domains": domains,
            "progress": [
                (row, pair_name(row.participation.pair), [row.state(d.pk) for d in domains])
                for row in rows
            ],
            "invitations": campaign.invitations.select_related(
                "pair__municipality__region", "user"
            ),
            "invite_form": invite_form,
            "reopen_form": ReopenForm(),
            "proposals": campaign.proposals.filter(status=ProposedAspect.Status.PROPOSED).count(),
        },
        status=400 if invite_form.is_bound else 200,
    )


def manage_pairs(request, campaign):
    campaign = _coordinated(request, campaign)
    participations = list(campaign.participations.select_related("pair__municipality__region"))
    if request.method == "POST":
        chosen = {p.pair_id: p.pair for p in participations}
        drop = set(request.POST.getlist("drop"))
        chosen = {pk: pair for pk, pair in chosen.items() if str(pk) not in drop}
        added = Pair.objects.none()
        for name, model, lookup in (
            ("regions", Region, "municipality__region__in"),
            ("provinces", Province, "municipality__province__in"),
            ("groups", PeerGroup, "peer_groups__in"),
        ):
            picked = model.objects.filter(pk__in=_ints(request.POST.getlist(name)))
            if picked:
                added = added | Pair.objects.filter(**{lookup: picked})
        added = added | Pair.objects.filter(pk__in=_ints(request.POST.getlist("pairs")))
        for pair in added.select_related("municipality__region").distinct():
            chosen.setdefault(pair.pk, pair)
        languages = {
            p.pair_id: request.POST.get(f"language-{p.pair_id}")
            for p in participations
            if request.POST.get(f"language-{p.pair_id}") in CampaignPair.Language.values
        }
        try:
            result = coordination.set_pairs(campaign, chosen.values(), languages)
        except coordination.CoordinationError as error:
            messages.error(request, str(error))
            return redirect("manage-pairs", campaign.slug)
        for participation in campaign.participations.all():
            mode = request.POST.get(f"mode-{participation.pair_id}")
            if mode in CampaignPair.AnswerMode.values and mode != participation.answer_mode:
                participation.answer_mode = mode
                participation.save(update_fields=["answer_mode"])
        messages.success(
            request,
            _("%(added)s pairs added, %(removed)s removed.")
            % {"added": result[0], "removed": result[1]},
        )
        return redirect("manage-pairs", campaign.slug)
    chosen_ids = {p.pair_id for p in participations}
    all_pairs = Pair.objects.select_related("municipality__region").exclude(pk__in=chosen_ids)
    return render(
        request,
        "campaigns/manage_pairs.html",
        {
            "campaign": campaign,
            "participations": sorted(
                ((pair_name(p.pair), p) for p in participations), key=lambda x: x[0]
            ),
            "regions": Region.objects.all(),
            "provinces": Province.objects.all(),
            "groups": PeerGroup.objects.all(),
            "candidates": sorted(((pair_name(p), p) for p in all_pairs), key=lambda x: x[0]),
            "languages": CampaignPair.Language.choices,
            "modes": CampaignPair.AnswerMode.choices,
        },
    )


def _ints(values):
    return [int(v) for v in values if str(v).isdigit()]


def round_action(request, campaign, number, action):
    campaign = _coordinated(request, campaign)
    round_ = get_object_or_404(campaign.rounds, number=number)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    steps = {
        "open": lambda: coordination.open_round(round_),
        "close": lambda: coordination.close_round(round_),
        "confirm": lambda: coordination.start_confirmation_round(campaign, request.user),
    }
    if action not in steps:
        raise Http404("unknown action")
    try:
        steps[action]()
    except coordination.CoordinationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done."))
    return redirect("manage", campaign.slug)


def send_reminders(request, campaign):
    campaign = _coordinated(request, campaign)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    round_ = current_round(campaign)
    if round_ is None:
        messages.error(request, _("No round is open."))
    else:
        sent = invitations.send_reminders(
            campaign, round_, base_url=request.build_absolute_uri("/")
        )
        messages.success(request, _("%(count)s reminders sent.") % {"count": sent})
    return redirect("manage", campaign.slug)


def reopen_submission(request, campaign, submission):
    campaign = _coordinated(request, campaign)
    submission = get_object_or_404(Submission, pk=submission, round__campaign=campaign)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReopenForm(request.POST)
    if form.is_valid():
        from .answering import reopen

        reopen(submission, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The questionnaire is reopened."))
    else:
        messages.error(request, _("Give the reason for reopening."))
    return redirect("manage", campaign.slug)


def review_proposals(request, campaign):
    """After a round closes: merge duplicate 'other' aspects, promote or keep each one."""
    campaign = _coordinated(request, campaign)
    proposals = list(
        campaign.proposals.select_related("pair__municipality__region", "domain", "round")
        .filter(round__status=Round.Status.CLOSED)
        .order_by("domain__number", "label")
    )
    if request.method == "POST":
        by_pk = {str(p.pk): p for p in proposals}
        target = by_pk.get(request.POST.get("proposal", ""))
        if target is None:
            raise Http404("no such proposal")
        action = request.POST.get("action")
        try:
            if action == "merge":
                others = [by_pk[k] for k in request.POST.getlist("merge") if k in by_pk]
                coordination.merge_proposals(target, others, request.user)
            elif action == "promote":
                coordination.promote_proposal(
                    target,
                    labels={
                        lang: request.POST.get(f"label_{lang}", "").strip()
                        for lang in ("nl", "fr", "en")
                    },
                    short_labels={
                        lang: request.POST.get(f"short_{lang}", "").strip()[:40]
                        for lang in ("nl", "fr", "en")
                    },
                    user=request.user,
                )
            elif action == "keep":
                target.status = ProposedAspect.Status.KEPT
                target._history_user = request.user
                target.save()
            else:
                raise Http404("unknown action")
        except coordination.CoordinationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Done."))
        return redirect("review-proposals", campaign.slug)
    return render(
        request,
        "campaigns/manage_proposals.html",
        {
            "campaign": campaign,
            "proposals": [(p, pair_name(p.pair)) for p in proposals],
        },
    )
