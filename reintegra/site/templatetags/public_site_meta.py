from typing import Any

from django import template
from wagtail.models import Page, Site

from reintegra.site import metadata

register = template.Library()


@register.inclusion_tag("public_site/includes/head_meta.html", takes_context=True)
def page_head_meta(context: template.Context) -> dict[str, Any]:
    """hreflang alternates, feed links, Open Graph tags and JSON-LD for the page being shown."""
    request = context["request"]
    page = context.get("page")
    if page is None or not hasattr(page, "get_translations"):
        return {"feeds": metadata.feed_links(None, request)}
    alternates = metadata.page_alternates(page, request)
    return {
        "alternates": alternates,
        "feeds": metadata.feed_links(page, request),
        "open_graph": metadata.open_graph(page, request, alternates),
        "json_ld": metadata.json_ld_script(metadata.structured_data(page, request)),
    }


@register.simple_tag(takes_context=True)
def public_home(context: template.Context) -> Page | None:
    """The home page in the visitor's language, also on pages outside the page tree (search)."""
    page = context.get("page")
    if page is not None and hasattr(page, "get_site"):
        site = page.get_site()
    else:
        site = Site.find_for_request(context["request"])
    return site.root_page.localized if site else None
