"""The status stream: posts, replies, likes, moderation, tags and mentions."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.params import query_id
from alliance_hub.reversing import reverse
from workspaces.access import container_view
from workspaces.roles import Action

from .. import policies, selectors, services
from ..forms import HideForm, StatusPostForm
from ..markup import TAG_MAX_LENGTH
from .common import errors_text, htmx_errors, is_htmx, next_url, page_context

TAG_RE = re.compile(rf"^\w[\w-]{{0,{TAG_MAX_LENGTH - 1}}}$")


# Status posts -------------------------------------------------------------------------


def _render_stream(request, container, form, status=200):
    before = query_id(request, "before")
    author_id = query_id(request, "author")
    posts, has_more = selectors.post_list_for(
        user=request.user, container=container, before=before, author_id=author_id
    )
    context = page_context(
        request,
        container,
        posts=posts,
        has_more=has_more,
        form=form,
        author_id=author_id,
        stream_url=request.path,
    )
    if is_htmx(request) and before:
        return render(request, "microblog/post_list.html#items", context)
    return render(request, "microblog/post_list.html", context, status=status)


@container_view(Action.VIEW)
@require_GET
def post_list(request, container):
    return _render_stream(request, container, StatusPostForm())


@container_view(Action.CONTRIBUTE)
@require_POST
def post_create(request, container):
    form = StatusPostForm(request.POST)
    post = None
    if form.is_valid():
        try:
            post = services.post_create(
                actor=request.user, container=container, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    if post is None:
        if is_htmx(request):
            return htmx_errors(request, form, "#composer-errors")
        return _render_stream(request, container, form, status=400)
    if is_htmx(request):
        post.liked, post.shown_replies = False, []
        return render(
            request, "microblog/_post.html", page_context(request, container, post=post, new=True)
        )
    messages.success(request, "Posted.")
    return redirect("microblog:post_list", container)


@container_view(Action.VIEW)
@require_GET
def post_detail(request, container, pk):
    post = selectors.post_get_for(user=request.user, container=container, pk=pk)
    if post.reply_to_id:
        url = reverse("microblog:post_detail", args=[container, post.reply_to_id])
        return redirect(f"{url}#post-{post.pk}")
    after = query_id(request, "after")
    replies, has_more = selectors.thread_replies_for(user=request.user, root=post, after=after)
    context = page_context(
        request, container, post=post, replies=replies, has_more=has_more, reply_form=None
    )
    if is_htmx(request) and after:
        return render(request, "microblog/post_detail.html#replies", context)
    return render(request, "microblog/post_detail.html", context)


@container_view(Action.CONTRIBUTE)
@require_POST
def post_reply(request, container, pk):
    root = selectors.post_get_for(user=request.user, container=container, pk=pk)
    form = StatusPostForm(request.POST)
    reply = None
    if form.is_valid():
        try:
            reply = services.post_create(
                actor=request.user,
                container=container,
                text=form.cleaned_data["text"],
                reply_to=root,
            )
        except ValidationError as error:
            form.add_error(None, error)
    if reply is None:
        if is_htmx(request):
            return htmx_errors(request, form, f"#reply-errors-{root.pk}")
        return _reply_failed(request, container, root, form)
    if is_htmx(request):
        reply.liked = False
        return render(
            request, "microblog/_reply.html", page_context(request, container, reply=reply)
        )
    return redirect(reply.get_absolute_url())


def _reply_failed(request, container, root, form):
    """Without JavaScript: the thread again, with the message, as a 400."""
    replies, has_more = selectors.thread_replies_for(user=request.user, root=root)
    context = page_context(
        request, container, post=root, replies=replies, has_more=has_more, reply_form=form
    )
    return render(request, "microblog/post_detail.html", context, status=400)


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def post_edit(request, container, pk):
    post = selectors.post_get_for(user=request.user, container=container, pk=pk)
    if not policies.may_edit_post(request.user, request.access, post):
        raise PermissionDenied("Only the author can edit a post.")
    if not post.is_editable and request.method == "GET":
        messages.error(request, "Posts can be edited only in the first 15 minutes.")
        return redirect(post.get_absolute_url())
    form = StatusPostForm(request.POST or None, initial={"text": post.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your post was changed.")
            return redirect(post.get_absolute_url())
    return render(
        request,
        "microblog/post_form.html",
        page_context(request, container, post=post, form=form),
        status=400 if form.errors else 200,
    )


@container_view(Action.VIEW)
@require_POST
def post_delete(request, container, pk):
    post = selectors.post_get_for(user=request.user, container=container, pk=pk)
    back = post.get_absolute_url() if post.reply_to_id else None
    tombstone = services.post_delete(actor=request.user, post=post)
    if is_htmx(request):
        if tombstone is None:
            return HttpResponse("")
        tombstone.shown_replies, tombstone.liked = [], False
        return render(
            request,
            "microblog/_post.html",
            page_context(request, container, post=tombstone, collapsed=True),
        )
    messages.success(request, "Your post was deleted.")
    return redirect(next_url(request, back or reverse("microblog:post_list", args=[container])))


@container_view(Action.CONTRIBUTE)
@require_POST
def post_like(request, container, pk):
    post = selectors.post_get_for(user=request.user, container=container, pk=pk)
    try:
        services.post_like_toggle(actor=request.user, post=post, liked=_wanted_like(request))
    except ValidationError as error:
        return HttpResponse(error.messages[0], status=400, content_type="text/plain")
    if is_htmx(request):
        return render(request, "microblog/_like.html", page_context(request, container, post=post))
    return redirect(next_url(request, post.get_absolute_url()))


def _wanted_like(request):
    """The state the like button asked for ("1" like, "0" unlike): a double submit then
    changes nothing the second time. Absent: toggle (older pages still open)."""
    return {"1": True, "0": False}.get(request.POST.get("like"))


def _moderated(request, container, post):
    if is_htmx(request):
        template = "microblog/_reply.html" if post.reply_to_id else "microblog/_post.html"
        post.shown_replies = []
        return render(request, template, page_context(request, container, post=post, reply=post))
    return redirect(next_url(request, post.get_absolute_url()))


@container_view(Action.MODERATE)
@require_POST
def post_hide(request, container, pk):
    post = selectors.post_get_for(user=request.user, container=container, pk=pk)
    form = HideForm(request.POST)
    if form.is_valid():
        try:
            services.post_hide(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        if is_htmx(request):
            return htmx_errors(request, form, f"#hide-errors-{post.pk}")
        return HttpResponse(" ".join(errors_text(form)), status=400, content_type="text/plain")
    messages.success(request, "The post is hidden; the reason is recorded.")
    return _moderated(request, container, post)


@container_view(Action.MODERATE)
@require_POST
def post_unhide(request, container, pk):
    post = selectors.post_get_for(user=request.user, container=container, pk=pk)
    services.post_unhide(actor=request.user, post=post)
    messages.success(request, "The post is shown again.")
    return _moderated(request, container, post)


@container_view(Action.VIEW)
@require_GET
def post_tag(request, container, tag):
    if not TAG_RE.match(tag):
        raise Http404("No such tag.")
    before = query_id(request, "before")
    posts, has_more = selectors.post_tag_list_for(
        user=request.user, container=container, tag=tag, before=before
    )
    context = page_context(request, container, tag=tag.lower(), posts=posts, has_more=has_more)
    if is_htmx(request) and before:
        return render(request, "microblog/post_tag.html#items", context)
    return render(request, "microblog/post_tag.html", context)


@container_view(Action.VIEW)
@require_GET
def post_mentions(request, container):
    """Autocomplete for ``@``: members who may view this container, as JSON."""
    prefix = request.GET.get("q", "")[:50]
    return JsonResponse(
        {"results": selectors.mention_suggestions_for(container=container, prefix=prefix)}
    )
