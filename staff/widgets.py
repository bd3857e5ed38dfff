"""A select whose options are found by searching: the list filters' location and
handler fields, which would otherwise render every location of the organisation
(750 now, up to 30,000 with the national register) on every list page."""

from collections.abc import Callable
from html import escape as html_escape

from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
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


def _text(value) -> str:
    """``{{ value }}`` in a template: localised, escaped unless already safe."""
    if type(value) is str:  # a plain (unsafe) string: what django.utils.html.escape does, without the wrapping
        return html_escape(value)
    return conditional_escape(localize(value))


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    html = []
    for name, value in attrs.items():
        if value is True:
            html.append(f" {conditional_escape(name)}")
        elif value is not False:
            html.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(html)


def _option(option: dict) -> str:
    """``django/forms/widgets/select_option.html``, its closing newline included."""
    value, label = conditional_escape(option["value"]), _text(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def _select(widget: dict) -> str:
    """``django/forms/widgets/select.html``."""
    html = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _group_index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{_text(group_name)}">')
        html.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _input(widget: dict) -> str:
    """``django/forms/widgets/input.html`` (text, search, number, ...)."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


class PlainSelect(forms.Select):
    """A select of the list filter that renders its options straight from its choices, as
    ``_select`` renders Django's context of them: the context (a dict of nine entries per
    option, ``optgroups``) cost more than the markup, ~2 ms of every list page for its
    ~150 options. Only with the filter's renderer; any other renders as Django does (the
    tests compare both)."""

    def use_required_attribute(self, initial) -> bool:
        # Django's Select asks its first choice (for the category: all of them computed) before
        # the form checks that the field is required; none of the filter's fields is.
        return self.is_required and super().use_required_attribute(initial)

    def render(self, name, value, attrs=None, renderer=None):
        if renderer is not FILTER_FORM_RENDERER or self.allow_multiple_selected:
            return super().render(name, value, attrs=attrs, renderer=renderer)
        values = self.format_value(value)
        html = [f'<select name="{_text(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>']
        has_selected = False
        for option_value, option_label in self.choices:  # ChoiceWidget.optgroups
            if option_value is None:
                option_value = ""
            if isinstance(option_label, list | tuple):
                group_name, choices = option_value, option_label
            else:
                group_name, choices = None, [(option_value, option_label)]
            if group_name:
                html.append(f'\n  <optgroup label="{_text(group_name)}">')
            for subvalue, sublabel in choices:
                selected = not has_selected and str(subvalue) in values
                has_selected |= selected
                html.append(
                    f'\n  <option value="{conditional_escape(subvalue)}"{" selected" if selected else ""}>'
                    f"{_text(sublabel)}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every value escaped


def filter_fields_html(form) -> SafeString:
    """The list filter's fields as ``staff/complaint/list_filter.html`` renders them (a test
    compares both): a label, the widget and its errors per field, without the template's
    ~100 nodes for its 16 fields."""
    html = []
    for field in form:
        errors = "".join(f'<div class="invalid-feedback d-block">{_text(error)}</div>' for error in field.errors)
        html.append(
            f'\n  <div class="col-6 col-md-3 col-xl-2">\n    <label class="form-label small mb-0" '
            f'for="{_text(field.id_for_label)}">{_text(field.label)}</label>\n    {conditional_escape(field)}'
            f"\n    {errors}\n  </div>\n  "
        )
    return mark_safe("".join(html))  # every value escaped


class FilterFormRenderer(DjangoTemplates):
    """Renders the list filter's selects and text fields in Python, with the markup of
    Django's widget templates: some 150 options through an ``{% include %}`` each cost
    about 20 ms of every list page. Any other template is rendered by Django."""

    PYTHON = {
        "django/forms/widgets/select.html": _select,
        **{f"django/forms/widgets/{kind}.html": _input for kind in ("text", "search", "number", "input")},
    }

    def render(self, template_name, context, request=None):
        render = self.PYTHON.get(template_name)
        if render is None:
            return super().render(template_name, context, request=request)
        return mark_safe(render(context["widget"]))  # every value escaped above


FILTER_FORM_RENDERER = FilterFormRenderer()
