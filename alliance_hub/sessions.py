"""A person's sessions: ending them, and the lifetime and idle timeout of each.

Sessions are tracked by allauth.usersessions (a row per signed-in browser: device,
address, last activity). ``SESSION_COOKIE_AGE`` is the longest a sign-in lasts and
``SESSION_IDLE_SECONDS`` how long it survives without a request.
"""

import time

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone

STARTED, SEEN = "session_started_at", "session_seen_at"
# Last activity is written at most this often (a write per request would cost every page).
SEEN_RESOLUTION = 60


def end_sessions(user, *, keep=None):
    """Sign ``user`` out of every browser at once, except the session ``keep`` (a key).
    Runs after the surrounding transaction commits."""

    def end():
        for session in UserSession.objects.filter(user=user).exclude(session_key=keep or ""):
            session.end()

    transaction.on_commit(end)


def stamp_sign_in(request):
    """A new sign-in starts its lifetime and idle clocks (user_logged_in)."""
    now = time.time()
    request.session[STARTED] = request.session[SEEN] = now


def _expired(request, now):
    started = request.session.get(STARTED, now)
    seen = request.session.get(SEEN, now)
    if now - started > settings.SESSION_COOKIE_AGE:
        return "Your sign-in has expired. Please sign in again."
    if now - seen > settings.SESSION_IDLE_SECONDS:
        minutes = settings.SESSION_IDLE_SECONDS // 60
        return f"You were signed out after {minutes} minutes without activity."
    return None


def _note_activity(request, now):
    request.session.setdefault(STARTED, now)
    if now - request.session.get(SEEN, 0) >= SEEN_RESOLUTION:
        request.session[SEEN] = now
        UserSession.objects.filter(session_key=request.session.session_key).update(
            last_seen_at=timezone.now()
        )


class SessionTimeoutMiddleware:
    """Signs people out when their sign-in is older than its lifetime or has been idle
    too long, and notes their last activity (for "Your sessions")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            reason = _expired(request, now)
            if reason:
                logout(request)
                messages.info(request, reason)
            else:
                _note_activity(request, now)
        return self.get_response(request)
