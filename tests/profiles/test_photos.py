"""Photo upload: only real JPEG/PNG/WebP, bombs and huge files refused, metadata stripped."""

import io
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from profiles import photos
from profiles.models import Profile
from tests.factories import superuser
from tests.profiles.helpers import edit_data, image_bytes, photo_upload, png_declaring

EDIT_ME = reverse("profiles:profile_edit_me")


def upload(client, content, name="photo.jpg", **fields):
    """Post the profile form with a photo; the photo task runs (as on commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(EDIT_ME, edit_data(photo=photo_upload(content, name), **fields))


def profile(user):
    return Profile.objects.get(user=user)


def served(client, user, size):
    response = client.get(reverse("profiles:photo", args=[user.pk, size]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_uploaded_jpeg_is_stored_as_square_crops_of_each_size(world, client_for):
    client = client_for(world.member)
    response = upload(client, image_bytes(size=(800, 600)), display_name="Mia Member")
    assert response.status_code == 302
    files = profile(world.member).photo_files
    assert set(files) == set(photos.SIZES)
    for size, edge in photos.SIZES.items():
        assert default_storage.exists(files[size])
        with Image.open(default_storage.open(files[size])) as image:
            assert image.format == "JPEG"
            assert image.size == (edge, edge)


def test_stored_names_are_generated_not_taken_from_the_upload(world, client_for):
    upload(client_for(world.member), image_bytes(), name="../../etc/passwd.jpg")
    for name in profile(world.member).photo_files.values():
        assert "passwd" not in name
        assert name.startswith(f"{photos.STORAGE_DIR}/{world.member.pk}/")


def test_photo_is_served_as_jpeg_with_nosniff_to_a_colleague(world, client_for):
    upload(client_for(world.member), image_bytes())
    response, body = served(client_for(world.observer), world.member, "small")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"\xff\xd8")


def test_outsider_cannot_fetch_the_photo(world, client_for):
    upload(client_for(world.member), image_bytes())
    url = reverse("profiles:photo", args=[world.member.pk, "small"])
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.removed).get(url).status_code == 404


def test_unknown_size_and_missing_photo_answer_404(world, client_for):
    client = client_for(world.member)
    assert client.get(reverse("profiles:photo", args=[world.member.pk, "small"])).status_code == 404
    upload(client, image_bytes())
    assert client.get(reverse("profiles:photo", args=[world.member.pk, "huge"])).status_code == 404


def _jpeg_with_orientation_and_gps():
    """200x100: left half red, right half blue; EXIF says 'rotate 90° clockwise' + GPS."""
    image = Image.new("RGB", (200, 100), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 0.0, 42.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 21.0, 0.0),
    }
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the fixture really carries GPS
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def test_exif_orientation_is_applied_and_all_metadata_removed(world, client_for):
    upload(client_for(world.member), _jpeg_with_orientation_and_gps())
    for size in photos.SIZES:
        _, body = served(client_for(world.lead), world.member, size)
        assert b"Exif" not in body
        assert b"SpyCam" not in body
        with Image.open(io.BytesIO(body)) as image:
            assert not image.getexif()
            assert "exif" not in image.info and "icc_profile" not in image.info
            edge = image.size[0]
            top = image.convert("RGB").getpixel((edge // 2, edge // 8))
            bottom = image.convert("RGB").getpixel((edge // 2, edge - edge // 8))
        # Turned upright, the red half is on top (unrotated it would be on the left).
        assert top[0] > 200 and top[2] < 60, top
        assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_png_with_transparency_and_webp_are_accepted(world, client_for):
    client = client_for(world.member)
    assert upload(client, image_bytes("PNG", alpha=True), name="me.png").status_code == 302
    first = profile(world.member).photo_version
    assert upload(client, image_bytes("WEBP"), name="me.webp").status_code == 302
    assert profile(world.member).photo_version not in ("", first)


BAD_IMAGES = {
    "truncated": (lambda: image_bytes(size=(800, 600))[:2000], "damaged or cut short"),
    "gif renamed to .jpg": (lambda: image_bytes("GIF"), "Only JPEG, PNG and WebP"),
    "text renamed to .jpg": (lambda: b"<html>not a photo</html>" * 10, "not an image we can read"),
    "pixel flood 50000x50000": (lambda: png_declaring(50_000, 50_000), "too many pixels"),
    "pixel flood under pillow's limit": (lambda: png_declaring(9_000, 9_000), "too many pixels"),
    "huge file": (
        lambda: image_bytes(size=(64, 64)) + b"\0" * (5 * 1024 * 1024),
        "The photo is too large",
    ),
}


@pytest.mark.parametrize("kind", BAD_IMAGES)
def test_bad_image_is_refused_with_a_clear_message_and_the_old_photo_stays(kind, world, client_for):
    client = client_for(world.member)
    upload(client, image_bytes(), display_name="Before")
    before = profile(world.member)
    make, message = BAD_IMAGES[kind]
    response = upload(client, make(), display_name="After", job_title="Changed")
    assert response.status_code == 400
    assert message in response.content.decode()
    after = profile(world.member)
    assert after.photo_files == before.photo_files
    assert after.photo_version == before.photo_version
    assert all(default_storage.exists(name) for name in after.photo_files.values())
    assert after.job_title == ""
    world.member.refresh_from_db()
    assert world.member.display_name == "Before"


def test_a_new_photo_replaces_the_old_files(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.member)
    upload(client, image_bytes())
    old_files = profile(world.member).photo_files
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, image_bytes(colour=(200, 10, 10)))
    assert profile(world.member).photo_files != old_files
    assert not any(default_storage.exists(name) for name in old_files.values())


def test_removing_the_photo_deletes_files_and_shows_initials(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.member)
    upload(client, image_bytes())
    old_files = profile(world.member).photo_files
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EDIT_ME, edit_data(remove_photo="on"))
    assert response.status_code == 302
    assert profile(world.member).photo_files == {}
    assert not any(default_storage.exists(name) for name in old_files.values())
    page = client.get(reverse("profiles:profile_detail", args=[world.member.pk])).content.decode()
    # Back to the initials, drawn by CSS on the colour of the name.
    world.member.refresh_from_db()  # the edit form saved its name too
    name = world.member.display_name or world.member.email
    assert f'avatar-initials avatar-c{photos.avatar_colour_index(name)}"' in page
    assert f">{photos.initials(name)}</span>" in page
    assert "/photo/" not in page


def test_superuser_may_change_someone_elses_photo(world, client_for):
    client = client_for(superuser())
    url = reverse("profiles:profile_edit", args=[world.member.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, edit_data(photo=photo_upload(image_bytes())))
    assert response.status_code == 302
    assert profile(world.member).has_photo


def test_initials_avatar_is_escaped_svg_with_a_stable_colour(world, client_for):
    world.member.display_name = 'Zoë <script>alert("x")</script> Åberg'
    world.member.save()
    client = client_for(world.observer)
    url = reverse("profiles:avatar", args=[world.member.pk])
    first, second = client.get(url), client.get(url)
    body = first.content.decode()
    assert first["Content-Type"].startswith("image/svg+xml")
    assert first["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in first["Content-Security-Policy"]
    assert "<script" not in body
    assert "&lt;script&gt;" in body
    assert ">ZÅ</text>" in body
    assert body == second.content.decode()
    assert photos.avatar_colour(world.member.display_name) in body
    # Colours differ between people (by their names) and come from the readable palette.
    assert photos.avatar_colour("Anna Berg") != photos.avatar_colour("Piet de Vries")
    assert photos.avatar_colour(world.member.display_name) in photos.AVATAR_PALETTE


def test_initials_of_names():
    assert photos.initials("Pieter de Vries") == "PV"
    assert photos.initials("inês") == "I"
    assert photos.initials("") == "?"
    assert photos.initials("anna@example.org") == "AE"


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=60))
def test_any_name_gives_a_well_formed_svg_with_the_initials_as_text(name):
    svg = photos.avatar_svg(name=name)
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output; well-formed = escaped
    text = root.find("{http://www.w3.org/2000/svg}text")
    assert text.text == photos.initials(name)
    assert [child.tag.split("}")[1] for child in root] == ["rect", "text"]


def test_deleting_a_person_deletes_their_photo_files(
    world, client_for, django_capture_on_commit_callbacks
):
    upload(client_for(world.member), image_bytes())
    files = profile(world.member).photo_files
    with django_capture_on_commit_callbacks(execute=True):
        world.member.delete()
    assert not any(default_storage.exists(name) for name in files.values())


def test_the_crops_are_made_after_the_request_and_only_once(world, client_for):
    from profiles.tasks import photo_apply

    client = client_for(world.member)
    response = client.post(EDIT_ME, edit_data(photo=photo_upload(image_bytes())))  # no commit
    assert response.status_code == 302
    pending = profile(world.member).photo_pending
    assert not profile(world.member).has_photo and default_storage.exists(pending)

    assert photo_apply(user_id=world.member.pk, pending=pending) is True
    files = profile(world.member).photo_files
    assert photo_apply(user_id=world.member.pk, pending=pending) is False  # run again: nothing
    assert profile(world.member).photo_files == files and profile(world.member).photo_pending == ""
