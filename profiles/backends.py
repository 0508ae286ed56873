from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from workspaces import two_factor

from .models import User


class AuthenticationBackend(AllauthBackend):
    """allauth's e-mail login; the signed-in user is loaded with their two-factor state."""

    def get_user(self, user_id):
        user = (
            User._default_manager.annotate(**two_factor.user_annotations())
            .filter(pk=user_id)
            .first()
        )
        return user if user and self.user_can_authenticate(user) else None
