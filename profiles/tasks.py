"""Photo processing, out of the request: the crops of a checked upload are made here."""

from django_tasks import task

from . import services


@task()
def photo_process(user_id, pending):
    return services.photo_apply(user_id=user_id, pending=pending)
