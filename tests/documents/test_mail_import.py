"""Import from e-mail: attachments become documents and versions, all or nothing."""

import base64
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document, Version
from tests.documents.helpers import make_document, stored_files
from tests.documents.mail import eml, import_via_job, mbox, message, upload

MARCH = [datetime(2026, 3, day, 9, 0, tzinfo=UTC) for day in range(1, 29)]


def _versions(container):
    return [
        (v.document.title, v.number, v.original_name, v.change_note)
        for v in Version.objects.filter(document__workspace=container.workspace)
        .select_related("document")
        .order_by("document__title", "number")
    ]


def test_attachments_with_one_name_become_versions_in_date_order(world, client_for):
    # The mailbox lists the newest message first: the dates decide, not the order.
    box = mbox(
        message(("budget.xlsx", b"third"), when=MARCH[20], subject="Budget final"),
        message(("budget.xlsx", b"first"), ("agenda.pdf", b"%PDF-1.4 a"), when=MARCH[1]),
        message(("budget.xlsx", b"second"), when=MARCH[10], subject="Budget v2"),
    )
    import_via_job(client_for(world.member), world.workspace, upload("inbox.mbox", box))

    budget = Document.objects.get(title="budget")
    contents = [v.file.open("rb").read() for v in budget.versions.order_by("number")]
    assert contents == [b"first", b"second", b"third"]
    assert Document.objects.filter(title="agenda", version_count=1).exists()
    assert budget.versions.get(number=3).change_note.startswith("From e-mail of 2026-03-21")


def test_an_eml_message_is_imported_into_a_group(world, client_for):
    msg = message(("minutes.txt", b"Minutes of the call\n"), when=MARCH[3])
    import_via_job(client_for(world.member), world.private_group, upload("call.eml", eml(msg)))

    document = Document.objects.get(title="minutes")
    assert document.group == world.private_group
    assert document.created_by == world.member


def test_duplicates_are_skipped_within_the_import_and_against_the_container(world, client_for):
    make_document(world.workspace, world.lead, "old.txt", b"already here")
    box = mbox(
        message(("plan.txt", b"plan A"), when=MARCH[1]),
        message(("plan.txt", b"plan A"), when=MARCH[2]),  # forwarded again
        message(("copy.txt", b"already here"), when=MARCH[3]),
    )
    response = import_via_job(client_for(world.member), world.workspace, upload("box.mbox", box))

    assert Document.objects.filter(title="plan", version_count=1).exists()
    assert not Document.objects.filter(title="copy").exists()
    assert "2 duplicate attachments skipped" in response.content.decode()


def test_file_names_in_rfc_2231_and_rfc_2047_are_decoded_and_made_safe(world, client_for):
    msg = message(("Übersicht ½.txt", b"rfc 2231"), when=MARCH[1])
    raw = eml(msg)
    encoded_word = "=?utf-8?b?" + base64.b64encode("Bericht März.txt".encode()).decode() + "?="
    second = message(("placeholder.txt", b"rfc 2047"), when=MARCH[2])
    raw2 = eml(second).replace(b'filename="placeholder.txt"', f'filename="{encoded_word}"'.encode())
    third = message(("../../etc/pass\x07wd", b"path"), when=MARCH[3])
    client = client_for(world.member)
    import_via_job(
        client,
        world.workspace,
        upload("a.eml", raw),
        upload("b.eml", raw2),
        upload("c.eml", eml(third)),
    )

    names = sorted(Version.objects.values_list("original_name", flat=True))
    assert names == ["Bericht März.txt", "passwd", "Übersicht ½.txt"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.mbox", b"\x00\x01 this is no mailbox at all", "not a valid mailbox"),
        ("empty.mbox", b"", "is empty"),
        ("note.eml", eml(message(when=MARCH[1])), "has no attachments"),
        ("junk.eml", b"\x00\xff\xfe garbage without headers", "not an e-mail message"),
    ],
)
def test_bad_mailboxes_are_refused_with_a_message_and_nothing_imported(
    world, client_for, name, content, expected
):
    client = client_for(world.member)
    response = import_via_job(client, world.workspace, upload(name, content), outcome="failed")

    assert expected in response.content.decode()
    assert not Document.objects.exists()


def test_one_bad_file_among_good_ones_imports_nothing(world, client_for):
    good = mbox(message(("plan.txt", b"plan"), when=MARCH[1]))
    empty = eml(message(when=MARCH[2]))
    import_via_job(
        client_for(world.member),
        world.workspace,
        upload("good.mbox", good),
        upload("empty.eml", empty),
        outcome="failed",
    )

    assert not Document.objects.exists()
    assert stored_files() == []


def test_an_attachment_larger_than_the_upload_limit_is_refused(world, client_for, settings):
    settings.MAX_UPLOAD_SIZE = 10_000
    settings.MAIL_IMPORT_MAX_TOTAL = 1_000_000
    bomb = message(("small.txt", b"ok"), ("huge.bin", b"\x00" * 50_000), when=MARCH[1])
    response = import_via_job(
        client_for(world.member), world.workspace, upload("bomb.eml", eml(bomb)), outcome="failed"
    )

    assert "The attachment huge.bin is larger than 9.8" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_attachments_adding_up_past_the_import_cap_are_refused(world, client_for, settings):
    settings.MAX_UPLOAD_SIZE = 10_000
    settings.MAIL_IMPORT_MAX_TOTAL = 25_000
    box = mbox(*[message((f"part{n}.bin", bytes([n]) * 9_000), when=MARCH[n]) for n in range(1, 4)])
    response = import_via_job(
        client_for(world.member), world.workspace, upload("many.mbox", box), outcome="failed"
    )

    assert "the limit of one import" in response.content.decode()
    assert not Document.objects.exists()


def test_an_observer_may_not_import(world, client_for):
    box = mbox(message(("plan.txt", b"plan"), when=MARCH[1]))
    import_via_job(
        client_for(world.observer), world.workspace, upload("box.mbox", box), outcome=403
    )

    assert not Document.objects.exists()


def test_the_import_mail_command_imports_files_for_a_member(world, tmp_path):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(
        mbox(
            message(("plan.txt", b"v2"), when=MARCH[5]),
            message(("plan.txt", b"v1"), when=MARCH[1]),
        )
    )
    single = tmp_path / "note.eml"
    single.write_bytes(eml(message(("notes.md", b"# Notes"), when=MARCH[2])))

    call_command(
        "import_mail",
        "--workspace",
        world.workspace.slug,
        "--group",
        world.open_group.slug,
        "--user",
        world.member.email,
        str(path),
        str(single),
    )

    plan = Document.objects.get(title="plan")
    assert plan.group == world.open_group
    assert [v.file.open("rb").read() for v in plan.versions.order_by("number")] == [b"v1", b"v2"]
    assert Document.objects.filter(title="notes").exists()


def test_the_import_mail_command_refuses_bad_input_clearly(world, tmp_path):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(eml(message(when=MARCH[2])))
    args = ["--workspace", world.workspace.slug, "--user", world.member.email]

    with pytest.raises(CommandError, match="has no attachments"):
        call_command("import_mail", *args, str(empty))
    with pytest.raises(CommandError, match="No user"):
        call_command(
            "import_mail", "--workspace", world.workspace.slug, "--user", "x@y.z", str(empty)
        )
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_mail", *args, str(tmp_path / "missing.mbox"))
    with pytest.raises(CommandError, match="needs the member role or higher"):
        call_command(
            "import_mail", "--workspace", world.workspace.slug, "--user", world.observer.email,
            str(empty),
        )  # fmt: skip
    assert not Document.objects.exists()
