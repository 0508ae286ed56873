"""The README's screenshots, taken from the demo (``make screenshots``).

Seeds a fresh demo database in a temporary directory, serves it (DEBUG off, so the
error pages are the site's own), signs in as the demo personas in headless Chromium
and writes one optimised PNG per entry of SHOTS into docs/screenshots/. To add a
screenshot, add a line to SHOTS. An entry marked ``optional`` is skipped with a printed
note while its page does not exist; any other entry that cannot be taken fails the run.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

PERSONAS = {
    "lead": "anna@nordicwind.example",
    "community-manager": "marco@tudelft.example",
    "partner-member": "elif@balticgrid.example",
    "observer": "hanna@balticgrid.example",
}


@dataclass
class Shot:
    name: str  # the file: docs/screenshots/<name>.png
    persona: str  # a key of PERSONAS
    url: str
    width: int = 1280
    status: int = 200  # the status the page must answer with
    wait_for: str = ""  # a CSS selector that shows the page is ready
    optional: bool = False  # skipped, with a note, while the page does not exist
    type_into: str = ""  # a field to type EDITOR_SAMPLE into first (the live preview)
    full_page: bool = False


EDITOR_SAMPLE = """## Decisions of the general assembly

The assembly **approved** the 2027 budget and welcomed a *fourth* partner.

| Partner | Votes | Signed |
|---|---:|---|
| Nordic Wind AS | 1 | yes |
| Delft Institute of Technology | 1 | yes |
| Baltic Grid Operators | 1 | not yet |

- Next meeting: 12 March
- Minutes: see [[governance]]
"""

SHOTS = [
    Shot("dashboard", "lead", "/w/north-sea/"),
    Shot("observer-dashboard", "observer", "/w/north-sea/"),
    Shot("document", "lead", "/w/north-sea/docs/1/"),
    Shot("wiki-page", "lead", "/w/north-sea/wiki/governance/"),
    Shot("wiki-history", "lead", "/w/north-sea/wiki/-/history/governance/"),
    Shot("wiki-diff", "lead", "/w/north-sea/wiki/-/diff/governance/?from=2&to=3"),
    Shot("search", "partner-member", "/search/?q=arbitration"),
    Shot("members-phone", "community-manager", "/w/north-sea/members/", width=375),
    Shot("error-403", "observer", "/w/north-sea/wiki/-/new/", status=403),
    Shot("error-404", "lead", "/w/no-such-alliance/", status=404),
    Shot("governance-board", "lead", "/w/north-sea/reports/1/"),
    # The editor's live preview appears once something is typed.
    Shot(
        "editor-preview",
        "lead",
        "/w/north-sea/wiki/-/new/",
        wait_for="#preview .wiki-body table",
        type_into="textarea[name=body]",
        full_page=True,
    ),
    Shot(
        "office-preview",
        "lead",
        "/w/north-sea/docs/2/",  # Work plan 2026.docx
        wait_for=".office-preview",
    ),
]


def main():
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-screenshots-") as tmp:
        env = demo_environment(Path(tmp))
        manage(env, "migrate", "--noinput", "-v0")
        logins = json.loads(manage(env, "seed_demo", "--json"))
        password = logins[0]["password"]  # the published demo password
        port = free_port()
        logs = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 - closed with the server
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=logs,
            stderr=subprocess.STDOUT,
        )
        try:
            base = wait_until_serving(port, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                failures = take_all(browser, base, password)
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
            logs.close()
    if failures:
        sys.exit("Screenshots not taken:\n" + "\n".join(failures))


def demo_environment(tmp):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "DEBUG": "0",  # the site's own error pages, not Django's debug pages
        "SIMPLE_STATIC": "1",  # static files from the app folders, no collectstatic
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    return env


def manage(env, *args):
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(port, server, seconds=60):
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("The demo server stopped; see its log.")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - localhost
            return base
        except OSError:
            time.sleep(0.5)
    sys.exit(f"The demo server did not answer within {seconds} s.")


def take_all(browser, base, password):
    windows, failures = {}, []
    for shot in SHOTS:
        key = (shot.persona, shot.width)
        if key not in windows:
            email = PERSONAS[shot.persona]
            windows[key] = signed_in_page(browser, base, email, password, shot.width)
        problem = take(windows[key], base, shot)
        if problem and shot.optional:
            print(f"SKIPPED {shot.name}: {problem} (that page is not built yet?)")
        elif problem:
            failures.append(f"{shot.name}: {problem}")
        else:
            print(f"took {shot.name}.png")
    for page in windows.values():
        page.context.close()
    return failures


def signed_in_page(browser, base, email, password, width):
    context = browser.new_context(viewport={"width": width, "height": 800 if width > 600 else 812})
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail address").fill(email)  # e-mail first, then the password
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        sys.exit(f"Could not sign in as {email}.")
    return page


def take(page, base, shot):
    """Take ``shot``; returns what went wrong, or None."""
    response = page.goto(base + shot.url)
    if response is None or response.status != shot.status:
        return f"{shot.url} answered {response and response.status}, not {shot.status}"
    if shot.type_into:
        page.locator(shot.type_into).fill(EDITOR_SAMPLE[:-1])
        page.locator(shot.type_into).type(EDITOR_SAMPLE[-1])  # an input event, as when typing
    if shot.wait_for:
        try:
            page.wait_for_selector(shot.wait_for, timeout=15_000)
        except Exception:  # Playwright's TimeoutError
            return f"{shot.url} shows no {shot.wait_for}"
    path = OUT / f"{shot.name}.png"
    page.screenshot(path=str(path), full_page=shot.full_page)
    optimise(path)
    return None


def optimise(path):
    """A 256-colour palette: screenshots of text stay sharp at a fraction of the size."""
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


if __name__ == "__main__":
    main()
