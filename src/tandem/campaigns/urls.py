from django.urls import path

from .views import answers as answer_views
from .views import campaign as views
from .views import coordination as c
from .views import findings as findings_views
from .views import history as h
from .views import pair_removal as removal_views
from .views import people as people_views
from .views import questionnaire as q
from .views import study as study_views

urlpatterns = [
    path("new/", c.new_campaign, name="manage-new"),
    path("<slug:campaign>/", views.campaign_detail, name="campaign"),
    # The coordinator's pages.
    path("<slug:campaign>/manage/", c.manage, name="manage"),
    path("<slug:campaign>/manage/pairs/", c.manage_pairs, name="manage-pairs"),
    path(
        "<slug:campaign>/manage/rounds/<id:number>/<slug:action>/",
        c.round_action,
        name="round-action",
    ),
    path("<slug:campaign>/manage/reminders/", c.send_reminders, name="send-reminders"),
    path("<slug:campaign>/manage/mails/retry/", c.retry_mails, name="retry-mails"),
    path("<slug:campaign>/manage/mails/texts/", c.mail_texts, name="mail-texts"),
    path("<slug:campaign>/manage/study/", study_views.study_overview, name="study-texts"),
    path(
        "<slug:campaign>/manage/study/<slug:section>/<slug:language>/",
        study_views.study_section,
        name="study-section",
    ),
    path(
        "<slug:campaign>/manage/pairs/<str:refnis>/remove/",
        removal_views.remove_pair,
        name="pair-removal",
    ),
    path(
        "<slug:campaign>/manage/pairs/<str:refnis>/extension/",
        c.pair_extension,
        name="pair-extension",
    ),
    path(
        "<slug:campaign>/manage/answers/<str:refnis>/<slug:respondent>/",
        answer_views.answers_page,
        name="manage-answers",
    ),
    path(
        "<slug:campaign>/manage/answers/<str:refnis>/<slug:respondent>/answers.pdf",
        answer_views.answers_pdf,
        name="manage-answers-pdf",
    ),
    path(
        "<slug:campaign>/manage/reminders/schedule/",
        c.reminder_schedule,
        name="reminder-schedule",
    ),
    path("<slug:campaign>/manage/people/", people_views.manage_people, name="manage-people"),
    path(
        "<slug:campaign>/manage/people/import/",
        people_views.import_invitations,
        name="people-import",
    ),
    path(
        "<slug:campaign>/manage/people/invitations/<id:invitation>/<slug:action>/",
        people_views.invitation_step,
        name="people-invitation",
    ),
    path(
        "<slug:campaign>/manage/people/roles/<id:role>/<slug:action>/",
        people_views.role_step,
        name="people-role",
    ),
    path(
        "<slug:campaign>/manage/submissions/<id:submission>/reopen/",
        c.reopen_submission,
        name="reopen-submission",
    ),
    path("<slug:campaign>/manage/proposals/", c.review_proposals, name="review-proposals"),
    path("<slug:campaign>/domains/<slug:domain>/", views.matrix_page, name="matrix"),
    path(
        "<slug:campaign>/domains/<slug:domain>/findings/",
        findings_views.findings_page,
        name="findings",
    ),
    path(
        "<slug:campaign>/domains/<slug:domain>/findings.<str:fmt>",
        findings_views.findings_download,
        name="findings-download",
    ),
    path(
        "<slug:campaign>/domains/<slug:domain>/matrix.<str:fmt>",
        views.matrix_download,
        name="matrix-download",
    ),
    path("<slug:campaign>/answers.<str:fmt>", views.answers_download, name="answers-download"),
    path("<slug:campaign>/pairs/<str:refnis>/", views.pair_page, name="campaign-pair"),
    # The respondent's questionnaire.
    path("<slug:campaign>/questionnaire/", q.questionnaire_start, name="questionnaire-start"),
    path(
        "<slug:campaign>/pairs/<str:refnis>/questionnaire/", q.questionnaire, name="questionnaire"
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/questionnaire/contacts/",
        q.contacts_page,
        name="questionnaire-contacts",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/questionnaire/print/",
        q.print_page,
        name="questionnaire-print",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/questionnaire/submit/",
        q.submit_page,
        name="questionnaire-submit",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/questionnaire/<slug:domain>/",
        q.domain_page,
        name="questionnaire-domain",
    ),
    path(
        "<slug:campaign>/pairs/<str:refnis>/questionnaire/<slug:domain>/rows/<str:key>/",
        q.save_row,
        name="questionnaire-row",
    ),
    path("<slug:campaign>/pairs/<str:refnis>/history/", h.pair_history, name="pair-history"),
    path("<slug:campaign>/pairs/<str:refnis>/comparison/", h.comparison, name="pair-comparison"),
    path(
        "<slug:campaign>/pairs/<str:refnis>/documents/<id:document>/",
        h.response_document,
        name="response-document",
    ),
]
