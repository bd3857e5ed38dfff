"""The site's menu: one link, marked as the current page (``aria-current``)."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_link(context, view_name: str, label: str, section: str = "") -> str:
    """``<li><a class="nav-link" href=…>label</a></li>``: ``aria-current="page"``
    on the page itself, ``aria-current="true"`` on a page below it whose path
    starts with ``section`` (e.g. a complaint below "Klachten")."""
    try:
        url = reverse(view_name)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    path = request.path if request is not None else ""
    current = ""
    if path == url:
        current = "page"
    elif section and path.startswith(section):
        current = "true"
    if current:
        return format_html(
            '<li class="nav-item"><a class="nav-link active" aria-current="{}" href="{}">{}</a></li>',
            current,
            url,
            label,
        )
    return format_html('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>', url, label)


@register.simple_tag(takes_context=True)
def render_once(context, template_name: str) -> str:
    """``{% render_once "includes/staff_menu.html" as menu %}``: the template rendered once
    with this context, to print more than once (``{{ menu }}``) at the cost of one include."""
    return context.template.engine.get_template(template_name).render(context)
