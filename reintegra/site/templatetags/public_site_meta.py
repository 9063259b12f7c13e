from typing import Any

from django import template
from django.conf import settings
from django.utils import translation

from reintegra.site import metadata, structure

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
def public_navigation(context: template.Context) -> structure.Navigation | None:
    """The home link and menu in the visitor's language, also outside the page tree (search)."""
    return structure.navigation(context["request"])


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> dict[str, Any]:
    """Each site language with the page's version in it, or no URL when it is not translated."""
    page = context.get("page")
    request = context["request"]
    in_tree = hasattr(page, "get_translations")
    versions = structure.language_versions(page, request) if in_tree else {}
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        version = versions.get(code)
        links.append(
            {
                "code": code,
                "name_local": translation.get_language_info(code)["name_local"],
                "current": code == current,
                "url": version[1] if version is not None else "",
            }
        )
    return {"languages": links, "untranslated": in_tree and len(versions) < 2}
