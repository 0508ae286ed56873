"""In-process timing of the search page against the bare view, as a ratio.

    DATABASE_URL=postgres://... .venv/bin/python bench/profile_search.py [N] [QUERY]

Logs in the bench member (bench/results/seed-<database>.json), loads ``/bench/bare/``
and ``/search/?q=QUERY`` N times each through the test client, and prints wall and
CPU time per request (median and 95th percentile) and search's ratio to bare.
No server, no wrk: fit for a shared machine; `make bench` gives the real figures.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_hub.settings")
os.environ.update(BENCH_VIEWS="1", DEBUG="0", ALLOWED_HOSTS="testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402


def timed(client, url, n):
    walls, cpus = [], []
    for _ in range(n):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append(1000 * (time.perf_counter() - wall))
        cpus.append(1000 * (time.process_time() - cpu))
        assert response.status_code == 200, (url, response.status_code)
    return walls, cpus


def p95(values):
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    query = sys.argv[2] if len(sys.argv) > 2 else "sediment survey"
    name = settings.DATABASES["default"]["NAME"]
    seed = json.loads((ROOT / "bench" / "results" / f"seed-{name}.json").read_text())
    client = Client()
    client.force_login(get_user_model().objects.get(email=seed["member_email"]))
    url = "/search/?" + __import__("urllib.parse").parse.urlencode({"q": query})
    figures = {}
    for label, page in (("bare", "/bench/bare/"), ("search", url)):
        timed(client, page, 3)  # warm up
        figures[label] = timed(client, page, n)
    for label, (walls, cpus) in figures.items():
        print(
            f"{label:7} wall p50/p95 {statistics.median(walls):7.1f}/{p95(walls):7.1f} ms"
            f"  cpu p50 {statistics.median(cpus):7.1f} ms"
        )
    (bw, bc), (sw, sc) = figures["bare"], figures["search"]
    print(
        f"search/bare: wall p95 {p95(sw) / p95(bw):.1f}x, "
        f"wall p50 {statistics.median(sw) / statistics.median(bw):.1f}x, "
        f"cpu p50 {statistics.median(sc) / statistics.median(bc):.1f}x"
    )


if __name__ == "__main__":
    main()
