"""A generated document served as a page keeps its own stylesheet under the strict CSP: the
policy allows exactly the <style> blocks Tandem wrote into it, by their SHA-256 hashes (CSP
level 2), never 'unsafe-inline'. A style block with any other content stays blocked."""

import base64
import hashlib
import re

from django.http import HttpResponse

STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def style_hashes(html: str) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode() + "'"
        for css in STYLE_BLOCK.findall(html)
    ]


def allow_own_styles(response: HttpResponse, html: str) -> HttpResponse:
    """Call only with HTML Tandem generated from its own stylesheets (no user text in <style>)."""
    hashes = style_hashes(html)
    if hashes:
        response._csp_update = {"style-src": hashes}  # type: ignore[attr-defined]
    return response
