"""People: the User (e-mail login), their Profile, skill/interest Tags and per-workspace tasks."""

import functools
import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils import timezone

from alliance_hub.markup import render_markdown
from alliance_hub.reversing import reverse


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The e-mail address is the login; there is no public sign-up."""

    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(max_length=150)
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the admin (community managers, leads)."
    )
    is_active = models.BooleanField(
        default=True, help_text="Unticking this locks the account out everywhere at once."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    class Digest(models.TextChoices):
        NONE = "none", "No e-mail digest"
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly digest"

    digest_frequency = models.CharField(
        max_length=10, choices=Digest.choices, default=Digest.WEEKLY
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name", "email"]
        # The people directory walks this index in order (keyset pages by name).
        indexes = [models.Index(fields=["display_name", "id"], name="user_by_display_name")]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name.split(" ")[0] if self.display_name else self.email

    def get_absolute_url(self):
        return reverse("profiles:profile_detail", args=[self.pk])


def validate_time_zone(value):
    """Accept only IANA names the server's zoneinfo knows (``Europe/Amsterdam``)."""
    if value and value not in available_time_zones():
        raise ValidationError(f"“{value}” is not a known time zone, e.g. Europe/Amsterdam.")


@functools.cache
def available_time_zones():
    return frozenset(zoneinfo.available_timezones())


MAX_LINKS = 10


def validate_links(value):
    """One http(s) address per line, at most MAX_LINKS of them."""
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    if len(lines) > MAX_LINKS:
        raise ValidationError(f"Give at most {MAX_LINKS} links.")
    validate = URLValidator(schemes=["http", "https"])
    bad = []
    for line in lines:
        try:
            validate(line)
        except ValidationError:
            bad.append(line)
    if bad:
        raise ValidationError(
            f"Not web addresses (they must start with https://): {', '.join(bad)}"
        )


phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{4,40}$", "Enter a phone number with digits, spaces, +, -, (, ) only."
)


class Tag(models.Model):
    """A skill ("Regulatory affairs") or a hobby/interest ("Sailing"), shared by everyone."""

    class Kind(models.TextChoices):
        SKILL = "skill", "Skill"
        INTEREST = "interest", "Interest"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=80, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="tag_kind_slug")]

    def __str__(self):
        return self.name


class Profile(models.Model):
    """What a person tells the team about themselves; one per user (its pk is the user's).

    The organisation and role come from each workspace's Membership; the tasks in
    the collaboration are per workspace too (ProfileTask).
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    job_title = models.CharField(max_length=150, blank=True)
    about = models.TextField("about me", blank=True, max_length=5000)
    about_html = models.TextField(blank=True, editable=False)
    # The markup policy about_html was made with (see `manage.py rerender_markup`).
    markup_version = models.PositiveSmallIntegerField(default=0, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="profiles")
    languages = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])
    phone = models.CharField(max_length=40, blank=True, validators=[phone_validator])
    links = models.TextField(
        blank=True, validators=[validate_links], help_text="One web address per line."
    )
    # size name -> storage name of the processed JPEG; empty when there is no photo.
    photo_files = models.JSONField(default=dict, blank=True, editable=False)
    photo_version = models.CharField(max_length=32, blank=True, editable=False)
    # Storage name of a checked upload waiting for its crops (profiles/tasks.py).
    photo_pending = models.CharField(max_length=200, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Profile of {self.user}"

    def get_absolute_url(self):
        return self.user.get_absolute_url()

    def render_markup(self):
        """Render ``about`` into ``about_html`` (saved by the caller)."""
        self.about_html, self.markup_version = render_markdown(self.about)
        return ["about_html", "markup_version"]

    @property
    def has_photo(self):
        return bool(self.photo_files)

    def _tags_of(self, kind):
        return [tag for tag in self.tags.all() if tag.kind == kind]

    # Cached per instance: lists show both for every row, and each ``tags.all()`` builds
    # a related manager. A saved change is seen by the next request's fresh instance.
    @functools.cached_property
    def skills(self):
        return self._tags_of(Tag.Kind.SKILL)

    @functools.cached_property
    def interests(self):
        return self._tags_of(Tag.Kind.INTEREST)

    def use_tags(self, tags):
        """Take ``tags`` (loaded for a whole list in one query, by name) as this profile's
        skills and interests, instead of reading ``tags.all()``."""
        self.__dict__["skills"] = [tag for tag in tags if tag.kind == Tag.Kind.SKILL]
        self.__dict__["interests"] = [tag for tag in tags if tag.kind == Tag.Kind.INTEREST]

    @property
    def link_list(self):
        """The links, only http(s) ones even if something bypassed validation."""
        lines = [line.strip() for line in self.links.splitlines()]
        return [line for line in lines if line.lower().startswith(("https://", "http://"))]


class ProfileTask(models.Model):
    """A person's tasks in one workspace's collaboration, in their own words."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="profile_tasks")
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="profile_task_unique")
        ]
        indexes = [models.Index(fields=["workspace", "user"])]

    def __str__(self):
        return f"Tasks of {self.user} in {self.workspace}"


class KnownDevice(models.Model):
    """A browser someone has signed in from (a hash of its user agent). A sign-in from
    any other one sends them a "new sign-in" e-mail (profiles.security_mail)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_devices")
    fingerprint = models.CharField(max_length=64)
    first_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="known_device_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.fingerprint[:8]}"
