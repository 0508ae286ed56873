"""Every documents URL, checked for every persona in a workspace and a private group."""

from django.urls import reverse

from documents import services
from tests.documents.helpers import add_version, make_document
from tests.matrix import Route
from workspaces.roles import Action


def _document(w, c):
    return make_document(c, w.lead, "plan.txt", b"first\n")


def _container_url(name):
    return lambda w, c: reverse(f"documents:{name}", args=[c])


def _document_url(name, *extra):
    return lambda w, c: reverse(f"documents:{name}", args=[c, _document(w, c).pk, *extra])


def _folder_url(name):
    def build(w, c):
        folder = services.folder_create(actor=w.lead, container=c, name="Reports")
        return reverse(f"documents:{name}", args=[c, folder.pk])

    return build


def _two_versions_url(name):
    def build(w, c):
        document = _document(w, c)
        add_version(document, w.lead, b"second\n", "plan.txt")
        return reverse(f"documents:{name}", args=[c, document.pk, 1])

    return build


def _trashed_url(name):
    def build(w, c):
        document = services.document_trash(actor=w.lead, document=_document(w, c))
        return reverse(f"documents:{name}", args=[c, document.pk])

    return build


def _preview_url(w, c):
    from documents.samples import png_bytes

    document = make_document(c, w.lead, "chart.png", png_bytes())
    return reverse("documents:version_preview", args=[c, document.pk, 1])


def _diff_url(w, c):
    document = _document(w, c)
    add_version(document, w.lead, b"second\n", "plan.txt")
    url = reverse("documents:version_diff", args=[c, document.pk])
    return f"{url}?old=1&new=2"


def _permalink(w, c):
    return reverse("documents:document_permalink", args=[_document(w, c).pk])


def _version_link(w, c):
    return reverse("documents:version_download", args=[_document(w, c).pk, 1])


def _review(w, c):
    """A review of a new document's version 1, asking everyone who may review here."""
    from documents import reviews
    from documents.policies import users_who_may_review

    version = _document(w, c).versions.get()
    return reviews.review_send(
        actor=w.lead, version=version, reviewers=list(users_who_may_review(c))
    )


def _review_url(name):
    def build(w, c):
        review = _review(w, c)
        return reverse(f"documents:{name}", args=[c, review.version.document_id, review.pk])

    return build


def _review_send_data(w, c):
    return {"version": 1, "reviewers": [w.member.pk], "rule": "all"}


def _approved_link(w, c):
    from documents import reviews

    review = _review(w, c)
    for reviewer in review.reviewers.all():
        review.refresh_from_db()
        if review.is_open:
            reviews.review_decide(actor=reviewer.user, review=review, approve=True)
    return reverse("documents:document_approved_permalink", args=[review.version.document_id])


C, M = Action.CONTRIBUTE, Action.MODERATE

ROUTES = [
    Route("documents:folder_list", _container_url("folder_list")),
    Route("documents:folder_detail", _folder_url("folder_detail")),
    Route("documents:folder_create", _container_url("folder_create"), C, "POST", {"name": "New"}),
    Route("documents:folder_rename", _folder_url("folder_rename"), C, "POST", {"name": "Renamed"}),
    Route("documents:folder_delete", _folder_url("folder_delete"), C, "POST"),
    Route("documents:document_upload", _container_url("document_upload"), C),
    Route("documents:document_upload", _container_url("document_upload"), C, "POST"),
    Route("documents:mail_import", _container_url("mail_import"), C),
    Route("documents:mail_import", _container_url("mail_import"), C, "POST"),
    Route("documents:trash_list", _container_url("trash_list"), M),
    Route("documents:trash_restore", _trashed_url("trash_restore"), M, "POST"),
    Route("documents:trash_purge", _trashed_url("trash_purge"), M, "POST"),
    Route("documents:document_detail", _document_url("document_detail")),
    Route("documents:document_edit", _document_url("document_edit"), C),
    Route(
        "documents:document_edit", _document_url("document_edit"), C, "POST", {"title": "New title"}
    ),
    Route("documents:document_move", _document_url("document_move"), C),
    Route("documents:document_move", _document_url("document_move"), C, "POST", {"folder": ""}),
    Route("documents:document_lock", _document_url("document_lock"), C, "POST"),
    Route("documents:document_unlock", _document_url("document_unlock"), C, "POST"),
    Route("documents:document_delete", _document_url("document_delete"), C, "POST"),
    Route("documents:document_watch", _document_url("document_watch"), Action.VIEW, "POST"),
    Route("documents:document_unwatch", _document_url("document_unwatch"), Action.VIEW, "POST"),
    Route("documents:document_downloads", _document_url("document_downloads"), M),
    Route("documents:version_list", _document_url("version_list")),
    Route("documents:version_upload", _document_url("version_upload"), C, "POST"),
    Route("documents:version_diff", _diff_url),
    Route("documents:version_restore", _two_versions_url("version_restore"), C, "POST"),
    Route("documents:version_preview", _preview_url),
    Route("documents:review_send", _document_url("review_send"), C, "POST", _review_send_data),
    Route(
        "documents:review_decide", _review_url("review_decide"), C, "POST", {"decision": "approve"}
    ),
    # Only whoever sent the review (the lead) or a moderator may withdraw it.
    Route(
        "documents:review_withdraw",
        _review_url("review_withdraw"),
        C,
        "POST",
        containers=("workspace",),
        expect={"member": 403, "non_group_member": 403},
    ),
    Route(
        "documents:review_withdraw",
        _review_url("review_withdraw"),
        C,
        "POST",
        containers=("private_group",),
        expect={"member": 403},
    ),
    # Container-free links: whoever may view the document's container may download.
    Route("documents:document_permalink", _permalink),
    Route("documents:version_download", _version_link),
    Route("documents:document_approved_permalink", _approved_link),
]
