import pytest

from tests.documents.helpers import make_document


@pytest.fixture
def immediate(django_capture_on_commit_callbacks):
    """Run what services leave for after the commit (text extraction) at once."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def upload(immediate):
    """``upload(container, actor, name, content, **kwargs)``: a document whose file text
    is extracted as the task would, once the upload commits."""

    def run(container, actor, name, content, **kwargs):
        return immediate(make_document, container, actor, name=name, content=content, **kwargs)

    return run
