"""Internal blogs: posts and their comments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.params import query_id
from workspaces.access import container_view
from workspaces.roles import Action

from .. import policies, selectors, services
from ..forms import BlogPostForm, CommentForm
from .common import htmx_errors, is_htmx, page_context


@container_view(Action.VIEW)
@require_GET
def blogpost_list(request, container):
    before = query_id(request, "before")
    posts, has_more = selectors.blog_list_for(user=request.user, container=container, before=before)
    context = page_context(request, container, posts=posts, has_more=has_more)
    if is_htmx(request) and before:
        return render(request, "microblog/blogpost_list.html#items", context)
    if request.access.can_contribute:
        context["drafts"] = selectors.blog_drafts_for(user=request.user, container=container)
    return render(request, "microblog/blogpost_list.html", context)


def _publish_requested(request):
    return request.POST.get("action") == "publish"


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def blogpost_create(request, container):
    form = BlogPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.blogpost_create(
                actor=request.user,
                container=container,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                publish=_publish_requested(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Published." if post.is_published else "Draft saved.")
            return redirect(post.get_absolute_url())
    return render(
        request,
        "microblog/blogpost_form.html",
        page_context(request, container, form=form),
        status=400 if form.errors else 200,
    )


@container_view(Action.VIEW)
@require_GET
def blogpost_detail(request, container, pk):
    post = selectors.blogpost_get_for(user=request.user, container=container, pk=pk)
    context = page_context(
        request,
        container,
        post=post,
        comments=selectors.comments_for(post=post),
        comment_form=CommentForm(),
    )
    return render(request, "microblog/blogpost_detail.html", context)


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def blogpost_edit(request, container, pk):
    post = selectors.blogpost_get_for(user=request.user, container=container, pk=pk)
    if not policies.may_edit_blogpost(request.user, request.access, post):
        raise PermissionDenied("Only the author can edit a blog post.")
    form = BlogPostForm(request.POST or None, initial={"title": post.title, "body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.blogpost_update(
                actor=request.user,
                post=post,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                publish=_publish_requested(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved.")
            return redirect(post.get_absolute_url())
    return render(
        request,
        "microblog/blogpost_form.html",
        page_context(request, container, form=form, post=post),
        status=400 if form.errors else 200,
    )


@container_view(Action.VIEW)
@require_POST
def blogpost_delete(request, container, pk):
    post = selectors.blogpost_get_for(user=request.user, container=container, pk=pk)
    services.blogpost_delete(actor=request.user, post=post)
    messages.success(request, f"“{post.title}” was deleted.")
    return redirect("microblog:blogpost_list", container)


@container_view(Action.CONTRIBUTE)
@require_POST
def comment_create(request, container, pk):
    post = selectors.blogpost_get_for(user=request.user, container=container, pk=pk)
    form = CommentForm(request.POST)
    comment = None
    if form.is_valid():
        try:
            comment = services.comment_create(
                actor=request.user, post=post, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    if comment is None:
        if is_htmx(request):
            return htmx_errors(request, form, "#comment-errors")
        context = page_context(
            request,
            container,
            post=post,
            comments=selectors.comments_for(post=post),
            comment_form=form,
        )
        return render(request, "microblog/blogpost_detail.html", context, status=400)
    if is_htmx(request):
        return render(
            request, "microblog/_comment.html", page_context(request, container, comment=comment)
        )
    return redirect(comment.get_absolute_url())


@container_view(Action.VIEW)
@require_POST
def comment_delete(request, container, pk, comment_pk):
    post = selectors.blogpost_get_for(user=request.user, container=container, pk=pk)
    comment = selectors.comment_get_for(post=post, pk=comment_pk)
    services.comment_delete(actor=request.user, comment=comment)
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, "The comment was deleted.")
    return redirect(post.get_absolute_url())
