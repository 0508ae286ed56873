"""CSV exports open right in spreadsheets: UTF-8 with a BOM and a declared charset."""

import codecs
import csv
import io

from django.contrib.auth import get_user_model
from django.urls import reverse

from workspaces import export


def test_adoption_csv_declares_utf8_and_starts_with_a_bom(world, client_for):
    get_user_model().objects.filter(pk=world.member.pk).update(display_name="Zoë Łódź-Sørensen")
    response = client_for(world.lead).get(
        reverse("workspaces:adoption_csv", args=[world.workspace])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "Zoë Łódź-Sørensen" in {row["name"] for row in rows}


def test_the_members_csv_of_the_export_starts_with_a_bom(world):
    name, data = next(export.members_exporter(world.workspace))
    assert name == "members.csv"
    assert data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8-sig").startswith("name,e-mail")
