"""Say clearly whether the browser journeys can run here (called by `make test`)."""

import os
import shutil
import sys

CHROMIUM = "/usr/bin/chromium"

if os.path.exists(CHROMIUM) or shutil.which("chromium"):
    sys.exit(0)
print(
    "\n*** Chromium is not installed: the browser journeys (tests/e2e) will NOT run. ***\n"
    "*** Install it with: apt-get install chromium                                   ***\n",
    file=sys.stderr,
)
sys.exit(1)
