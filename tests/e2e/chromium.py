"""One headless Chromium per worker for a run of browser journeys, each journey in
fresh browser contexts (windows) of its own: launching Chromium for every journey
module cost seconds apiece.

While Playwright runs, its event loop is current in this thread, and Django would hand
the tests that follow other database connections: so the browser is stopped before
the first test that is not a journey (tests/conftest.py), and started again if a
journey comes later."""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Chromium:
    running = None  # (playwright, browser) while started

    @classmethod
    def browser(cls):
        if cls.running is None:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            cls.running = (playwright, browser)
        return cls.running[1]

    @classmethod
    def stop(cls):
        if cls.running is not None:
            playwright, browser = cls.running
            cls.running = None
            browser.close()
            playwright.stop()
