"""Writes that a double submit may race: the database's unique constraint decides, and
the loser gets the answer a person can read instead of an IntegrityError (500).

For "create it unless it is there" use Django's ``get_or_create``: it already retries
the read after losing such a race. For "create it, or say it exists" use this.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def refuse_duplicate(message):
    """Run the block in a savepoint; a unique constraint failing inside it (the same
    thing created by a concurrent request since the service checked) raises
    ``ValidationError(message)``. ``message`` may be a dict of field -> text."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ValidationError(message) from error
