"""URL reversal, remembered: ``reverse`` here is Django's, each answer kept for the
life of the process. Django's walks the URL patterns on every call (about 12 µs) and a
page makes 10 to 20 calls (its frame, its links, its buttons), the same ones on every
request. A URL depends only on the URLconf, the script prefix, the view name, the
namespace instance and the arguments' URL forms, so those are the key; the template
tag ``{% url %}`` uses it too (``alliance_hub.url_tags``, a builtin).

An argument that is not a string or a number after ``converters.url_part`` (say, a
model instance reversed through a converter we do not know) makes the call go to Django
every time, so nothing is kept that could change."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

from .converters import url_part

# Keys are few (view names times the containers and objects pages link to); the cap
# only bounds a process that walks every object of a large alliance.
MAX_REMEMBERED = 20_000
_REMEMBERED: dict[tuple, str] = {}


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        _REMEMBERED.clear()


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None, **extra) -> str:
    """``django.urls.reverse``, with the same arguments."""
    key = None if urlconf or extra else _key(viewname, args or (), kwargs or {}, current_app)
    if key is None:
        return django_reverse(viewname, urlconf, args, kwargs, current_app, **extra)
    url = _REMEMBERED.get(key)
    if url is None:
        url = django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
        if len(_REMEMBERED) >= MAX_REMEMBERED:
            _REMEMBERED.clear()
        _REMEMBERED[key] = url
    return url


def _key(viewname, args, kwargs, current_app):
    if not isinstance(viewname, str):  # a view function: rare, not worth keying
        return None
    parts = tuple(url_part(value) for value in args)
    named = tuple(sorted((name, url_part(value)) for name, value in kwargs.items()))
    for part in (*parts, *(value for _, value in named)):
        if not isinstance(part, str | int):
            return None
    return (get_script_prefix(), get_urlconf(), viewname, parts, named, current_app)
