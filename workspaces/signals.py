from django.contrib.auth.models import Group as AuthGroup
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Group, Workspace


@receiver(pre_delete, sender=Workspace)
@receiver(pre_delete, sender=Group)
def delete_role_groups(sender, instance, **kwargs):
    """A deleted container takes its role groups along, so nobody keeps access
    to a container later re-created under the same name."""
    AuthGroup.objects.filter(role__in=instance.role_groups.all()).delete()
    if sender is Workspace:
        AuthGroup.objects.filter(role__group__workspace=instance).delete()
