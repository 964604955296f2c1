"""The campaign app's HTTP views: campaign pages, questionnaire, history, coordination and
invitations."""
