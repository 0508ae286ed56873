"""Helpers for HTML built in Python where the template engine cost more than the
page's own work (documents/rows.py, wiki/rows.py, search/results.py): the template
``date`` filter's formats the rows use, without Django's general date formatter
(about 90 µs a call, two calls a row), and form fields without their widget templates."""

from html import escape

from django.forms.widgets import FileInput, Input
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local(when):
    """``when`` in the current time zone, as the template engine shows it."""
    return template_localtime(when)


def iso(when):
    """``{{ when|date:"c" }}``."""
    return when.isoformat()


def day_and_time(when, separator=" "):
    """``{{ when|date:"j M Y H:i" }}`` (``separator=", "``: ``"j M Y, H:i"``)."""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}{separator}{when:%H:%M}"


def select_html(field) -> SafeString:
    """The <select> of a bound choice field, built here: Django's widget templates render
    every <option> through a template, which was the directory's costliest part, and
    ``format_html`` per option still cost the search page 1 ms (its lazy-string checks
    run per argument), so the options are escaped with the standard library's escape."""
    current = "" if field.value() is None else str(field.value())
    options = "".join(
        f'<option value="{escape(str(value))}"{" selected" if str(value) == current else ""}>'
        f"{escape(str(label))}</option>"
        for value, label in field.field.choices
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>',
        field.html_name,
        field.auto_id,
        mark_safe(options),  # noqa: S308 - every value and label is escaped above
    )


def input_html(field) -> SafeString:
    """The <input> of a bound field whose widget is a plain ``Input`` (text, date,
    checkbox...), as Django's ``input.html`` writes it, without rendering that template
    (about 60 µs an input). Other widgets render as Django renders them."""
    widget = field.field.widget
    if not isinstance(widget, Input) or isinstance(widget, FileInput):
        return str(field)
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    value = context["value"]
    html = f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"'
    if value is not None:
        html += f' value="{escape(str(value))}"'
    for name, attr in context["attrs"].items():
        if attr is True:
            html += f" {name}"
        elif attr is not False:
            html += f' {name}="{escape(str(attr))}"'
    return mark_safe(html + ">")  # noqa: S308 - every value is escaped above
