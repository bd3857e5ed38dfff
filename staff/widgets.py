"""A select whose options are found by searching: the list filters' location and
handler fields, which would otherwise render every location of the organisation
(750 now, up to 30,000 with the national register) on every list page."""

from collections.abc import Callable

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

# A scope with at most this many options gets them all as a plain select.
SEARCH_SELECT_THRESHOLD = 50
SEARCH_SELECT_LIMIT = 30
SEARCH_SUFFIX = "_zoek"

Options = list[tuple[str, str]]


def options_html(options: Options, *, selected: str, more: bool = False, empty_label: str = "") -> str:
    """``<option>`` elements: the empty choice, ``options`` and, when there were more
    than shown, a disabled line that asks to type on."""
    rows = [("", empty_label, "")] if empty_label else []
    rows += [(value, label, " selected" if value == selected else "") for value, label in options]
    html = format_html_join("", '<option value="{}"{}>{}</option>', ((v, s, label) for v, label, s in rows))
    if more:
        html += format_html('<option value="" disabled>{}</option>', gettext("… en meer: typ verder om te verfijnen"))
    return html


class SearchSelect(forms.Select):
    """Renders a search field and a select holding only the empty choice, the chosen
    value and what the search field found: with JavaScript htmx fills the select as
    one types (``staff:filter_options``); without it, the search text is submitted
    with the filter form (``<name>_zoek``) and the page comes back with the matches.

    ``find(query, selected)`` returns ``(options, more)``: the options matching
    ``query`` (at most SEARCH_SELECT_LIMIT) and always the ``selected`` value's."""

    def __init__(self, *, find: Callable[[str, str], tuple[Options, bool]], empty_label: str, data, attrs=None):
        super().__init__(attrs=attrs)
        self.find = find
        self.empty_label = empty_label
        self.data = data

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value in (None, "") else str(value[0] if isinstance(value, list | tuple) else value)
        query = " ".join(str(self.data.get(name + SEARCH_SUFFIX, "") if self.data else "").split())[:100]
        options, more = self.find(query, selected)
        attrs = self.build_attrs(self.attrs, attrs)
        select_id = attrs.get("id", f"id_{name}")
        css = attrs.get("class", "form-select").replace("form-select", "form-control")
        search = format_html(
            '<input type="search" name="{}" value="{}" class="{} mb-1" autocomplete="off" aria-label="{}" '
            'aria-controls="{}" placeholder="{}" hx-get="{}" hx-trigger="input changed delay:250ms, search" '
            'hx-target="#{}" hx-include="#{}" hx-vals=\'{{"field": "{}"}}\' hx-sync="this:replace">',
            name + SEARCH_SUFFIX,
            query,
            css,
            gettext("Zoek in de lijst"),
            select_id,
            gettext("Zoek op naam…"),
            reverse("staff:filter_options"),
            select_id,
            select_id,
            name,
        )
        select = format_html(
            '<select name="{}"{}>{}</select>',
            name,
            forms.utils.flatatt(attrs),
            options_html(options, selected=selected, more=more, empty_label=self.empty_label),
        )
        return search + select
