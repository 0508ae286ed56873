"""The version table's rows are built in Python (documents/rows.py); the document page
and the versions page must show exactly what the template's ``{% for %}`` rendered, for
every kind of viewer and every state a version can be in."""

import re

import pytest
from django.template import Context, Template

from documents import services
from tests.documents.helpers import add_version, doc_url, make_document
from tests.factories import UserFactory, add_member
from workspaces.roles import Role

pytestmark = pytest.mark.django_db

OLD_LOOP = Template(
    """{% load people files %}<tbody>
  {% for version in versions %}
    <tr id="v{{ version.number }}">
      <td>{{ version.number }}{% if version.pk == document.latest_version_id %} <span class="tag">latest</span>{% endif %} <span class="tag state-{{ version.state }}">{{ version.get_state_display }}</span></td>
      <td>{{ version.original_name }}<br><span class="muted">{{ version.size|file_size }} · {{ version|file_kind }}</span><br><code class="sha" title="SHA-256 {{ version.sha256 }}">{{ version.sha256|slice:":12" }}…</code></td>
      <td><span class="person">{% avatar version.uploaded_by "tiny" %}<span>{{ version.uploaded_by|default:"(account deleted)" }}</span></span><br><time class="muted" datetime="{{ version.uploaded_at|date:'c' }}">{{ version.uploaded_at|date:"j M Y H:i" }}</time></td>
      <td>{{ version.change_note|default:"—" }}</td>
      <td class="actions">
        <a class="button secondary small" href="{{ version.get_download_url }}">Download<span class="visually-hidden"> version {{ version.number }}</span></a>
        {% if access.can_contribute and not locked_against_me and version.sha256 != document.latest_version.sha256 %}
        <form method="post" action="{% url 'documents:version_restore' container document.pk version.number %}" class="inline-form" data-confirm="Make version {{ version.number }} the newest version?">
          {% csrf_token %}<button type="submit" class="secondary small">Restore<span class="visually-hidden"> version {{ version.number }}</span></button>
        </form>
        {% endif %}
      </td>
    </tr>
  {% endfor %}
  </tbody>"""  # noqa: E501
)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def _normalised(html):
    return TOKEN.sub(r"\1T\2", html)


@pytest.fixture
def document(world):
    leaver = UserFactory(display_name="Leaving <Person>")
    add_member(world.workspace, Role.MEMBER, user=leaver)
    document = make_document(world.workspace, leaver, "Notes & <drafts>.txt", b"one\n")
    add_version(document, world.member, b"two\n", "notes.csv", note="Fixed <b>typos</b> & more")
    add_version(document, world.lead, b"three\n", "report.docx")
    services.version_restore(actor=world.member, document=document, number=1)
    leaver.delete()
    return document


@pytest.mark.parametrize("page", ["document_detail", "version_list"])
@pytest.mark.parametrize("viewer", ["member", "observer", "lead"])
@pytest.mark.parametrize("locked_by", [None, "community_manager"])
def test_version_rows_are_those_of_the_template_loop(
    page, viewer, locked_by, world, client_for, document
):
    if locked_by:
        client_for(getattr(world, locked_by)).post(doc_url("document_lock", document))
    response = client_for(getattr(world, viewer)).get(doc_url(page, document))
    assert response.status_code == 200
    names = ("versions", "document", "container", "access", "locked_against_me", "csrf_token")
    expected = OLD_LOOP.render(Context({name: response.context[name] for name in names}))
    html = _normalised(response.content.decode())
    assert _normalised(expected) in html
    assert html.count('<tr id="v') == 4
    restorable = viewer != "observer" and not locked_by
    assert ("Restore<span" in html) == restorable
