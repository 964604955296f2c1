"""What the browser tests read of a page's layout."""


def page_widths(page) -> list[int]:
    """[the page's scroll width, the viewport's width]: a page that fits a phone has the first no
    larger than the second (WCAG 1.4.10); a wide table scrolls in its own region instead."""
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
