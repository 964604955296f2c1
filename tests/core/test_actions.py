"""Which button of a form was pressed: parsed by a form, never read raw from the POST."""

from django.test import RequestFactory

from tandem.core.actions import pressed

factory = RequestFactory()


def test_the_pressed_buttons_value_is_returned():
    assert pressed(factory.post("/", {"action": "add-session", "title": "x"})) == "add-session"


def test_a_get_or_a_post_without_the_button_pressed_nothing():
    assert pressed(factory.get("/", {"action": "confirm"})) == ""
    assert pressed(factory.post("/", {"title": "x"})) == ""


def test_a_value_no_button_could_send_is_refused():
    assert pressed(factory.post("/", {"action": "confirm now"})) == ""
    assert pressed(factory.post("/", {"action": "c" * 41})) == ""
