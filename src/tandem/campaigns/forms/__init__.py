"""Validation of what people post on the campaign pages: the questionnaire and coordination."""
