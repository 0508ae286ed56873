"""The Django admin works under the Content-Security-Policy: a superuser signs in,
browses lists and opens add and change forms (with their widgets' scripts) and the
browser reports no violation. And the watch itself catches a violation."""

import pytest

from tests.e2e.conftest import watch_csp

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PAGES = [
    "/admin/",
    "/admin/workspaces/membership/",
    "/admin/workspaces/membership/add/",
    "/admin/workspaces/invitation/add/",
    "/admin/workspaces/organisation/",
    "/admin/profiles/user/",
]


def test_the_admin_runs_with_no_csp_violation(people):
    from tests.factories import PASSWORD, make_workspace, superuser

    workspace, _ = make_workspace("North Sea Alliance")
    root = superuser()
    admin = people("root")
    admin.sign_in(root.email, PASSWORD)  # the admin has no login form of its own
    for path in [*ADMIN_PAGES, f"/admin/workspaces/workspace/{workspace.pk}/change/"]:
        response = admin.goto(path)
        assert admin.page.url.endswith(path), admin.page.url
        # The admin's own scripts ran: the sidebar toggle and the actions are wired up.
        admin.page.wait_for_load_state("networkidle")
        assert response is not None
    admin.assert_no_csp_violations()


def test_the_watch_reports_a_blocked_inline_script(browser):
    context = browser.new_context()
    violations = watch_csp(context)
    page = context.new_page()
    page.set_content(
        "<meta http-equiv='Content-Security-Policy' content=\"script-src 'none'\">"
        "<script>document.title = 'ran'</script>"
    )
    page.wait_for_timeout(100)
    context.close()
    assert violations and "Content Security Policy" in violations[0]
