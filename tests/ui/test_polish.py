"""Small things a first look notices."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_adoption_chart_labels_are_page_text_not_shrunken_svg_text(world, client_for):
    html = (
        client_for(world.lead)
        .get(reverse("workspaces:adoption", args=[world.workspace]))
        .content.decode()
    )
    assert '<div class="chart-axis" aria-hidden="true">' in html
    assert "<text" not in html
    assert "this week</span>" in html
