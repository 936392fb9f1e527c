"""Test helper: the POST data an admin change form would send, read from its GET response.

Builds the data from the rendered form's own fields and inline formsets, so a test changes only
what it cares about (``data["title"] = ...``) and the rest is exactly what the browser sends.
"""

from __future__ import annotations

from django import forms


def _widget_data(data: dict, name: str, widget, value) -> None:
    if isinstance(widget, forms.FileInput):
        return  # no upload: the stored file stays
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
            _widget_data(data, f"{name}{widget.widgets_names[index]}", sub, part)
        return
    if value is None:
        data[name] = ""
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [str(getattr(v, "pk", v)) for v in value]
    else:
        formatted = widget.format_value(value)
        if isinstance(formatted, list):  # a single Select formats its value as a one-item list
            formatted = formatted[0] if formatted else None
        data[name] = "" if formatted is None else str(formatted)


def _form_data(data: dict, form) -> None:
    for name, field in form.fields.items():
        _widget_data(data, form.add_prefix(name), getattr(field.widget, "widget", field.widget), form[name].value())


def change_form_data(response) -> dict:
    """Everything the change form in ``response`` would post, without the empty extra inline rows."""
    data: dict = {}
    _form_data(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_form_count()
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(initial)
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(initial)
        data[f"{formset.prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{formset.prefix}-MAX_NUM_FORMS"] = "1000"
        for form in formset.forms[:initial]:
            _form_data(data, form)
    return data
