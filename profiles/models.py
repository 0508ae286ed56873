from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


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

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name.split(" ")[0] if self.display_name else self.email
