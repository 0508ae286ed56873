from django import forms

from .models import STATUS_MAX_LENGTH


class StatusPostForm(forms.Form):
    text = forms.CharField(
        label="Your post",
        max_length=STATUS_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": STATUS_MAX_LENGTH, "data-mention-input": ""}
        ),
        help_text=f"Up to {STATUS_MAX_LENGTH} characters. Use @name to mention, #tag to tag.",
        error_messages={
            "required": "Write something: the post is empty.",
            "max_length": "A post can have at most %(limit_value)d characters "
            "(it has %(show_value)d).",
        },
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label="Reason for hiding",
        max_length=300,
        error_messages={"required": "Give a reason: it is recorded with the post."},
    )


class BlogPostForm(forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Text",
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Markdown: **bold**, _italic_, [links](https://…), lists, tables, code.",
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Markdown is allowed.",
        error_messages={"required": "Write something: the comment is empty."},
    )
