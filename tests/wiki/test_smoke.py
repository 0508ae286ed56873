from django.urls import reverse


def test_member_sees_the_starter_pages_in_the_page_list(world, client_for):
    response = client_for(world.member).get(reverse("wiki:page_list", args=[world.workspace]))
    assert response.status_code == 200
    text = response.content.decode()
    for title in ("Governance structure", "Scope of work", "Alliance reporting"):
        assert title in text


def test_page_detail_shows_the_stored_html(world, client_for, page):
    response = client_for(world.observer).get(page.get_absolute_url())
    assert response.status_code == 200
    assert '<h1 id="uc-notes">Notes</h1>' in response.content.decode()
