"""core.access.post_only: a view that takes only POST says 405 to other methods, but only to
someone its scoped lookup lets through; anyone else gets the lookup's 404 (S1)."""

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from tandem.core.access import post_only

ALLOWED = "mine"


def _scope(request, name):
    if name != ALLOWED:
        raise Http404("not yours")


@post_only(_scope)
def _delete(request, name):
    _scope(request, name)  # as the views do: the same lookup for the POST itself
    return HttpResponse(f"deleted {name}")


@pytest.mark.parametrize("method", ["get", "head", "put"])
def test_another_method_on_a_visible_object_is_405_naming_post(method):
    response = _delete(getattr(RequestFactory(), method)("/x/"), ALLOWED)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_an_object_out_of_scope_is_404_whatever_the_method(method):
    with pytest.raises(Http404):
        _delete(getattr(RequestFactory(), method)("/x/"), "theirs")


def test_a_post_reaches_the_view():
    response = _delete(RequestFactory().post("/x/"), ALLOWED)
    assert response.status_code == 200
    assert response.content == b"deleted mine"


def test_the_scope_gets_the_url_keywords_as_the_view_does():
    # Django passes a URL's named groups as keywords: the scope must take the view's names.
    assert _delete(RequestFactory().get("/x/"), name=ALLOWED).status_code == 405
    with pytest.raises(Http404):
        _delete(RequestFactory().get("/x/"), name="theirs")
