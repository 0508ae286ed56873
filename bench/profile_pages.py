"""CPU per request, in process: every benchmarked page against the bare view.

For a machine shared with other jobs, where wrk's figures mean nothing: the Django
test client, logged in as the benchmark persona, on a seeded data set (``make bench``
or ``manage.py seed_big``), DEBUG=0 as in the benchmark. Counts CPU time
(``time.process_time``), which other processes disturb far less than wall time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alliance_hub_bench \\
        python bench/profile_pages.py [--n 30] [--pages wiki_history,stream]
    ... python bench/profile_pages.py --profile wiki_history [--n 30]

The URLs and the persona come from ``bench/results/seed-<database>.json`` (or
``--seed FILE``). Prints, per page: status, mean CPU ms per request, and the ratio
to the bare view's CPU per request.
"""

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("BENCH_VIEWS", "1")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_hub.settings")
os.environ.setdefault("STATIC_ROOT", str(ROOT / "staticfiles"))


def seed_summary(path):
    if path:
        return json.loads(Path(path).read_text())
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    for candidate in (
        ROOT / "bench" / "results" / f"seed-{Path(str(name)).name}.json",
        ROOT / "bench" / "results" / "seed-alliance_hub_bench.json",
    ):
        if candidate.exists():
            return json.loads(candidate.read_text())
    raise SystemExit(f"no seed summary for database {name!r}; pass --seed")


def client_for(email):
    from django.test import Client

    from profiles.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def cpu_per_request(client, url, n):
    """Mean CPU milliseconds of one request, after two warm-up requests."""
    for _ in range(2):
        response = client.get(url)
    start = time.process_time()
    for _ in range(n):
        client.get(url)
    return response.status_code, (time.process_time() - start) * 1000 / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--pages", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--seed", default="")
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()

    import django

    django.setup()
    if not (Path(os.environ["STATIC_ROOT"]) / "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", "--noinput", verbosity=0)
    summary = seed_summary(args.seed)
    urls = dict(summary["urls"])
    urls.setdefault("search", "/search/?q=sediment+survey")
    client = client_for(summary["member_email"])

    if args.profile:
        url = urls[args.profile]
        cpu_per_request(client, url, 2)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(40)
        return

    wanted = [key for key in args.pages.split(",") if key] or list(urls)
    keys = ["bare"] + [key for key in wanted if key != "bare"]
    _, bare = cpu_per_request(client, urls["bare"], args.n * 5)
    print(f"{'page':24} {'status':>6} {'CPU ms':>8} {'× bare':>7}")
    for key in keys:
        status, ms = (200, bare) if key == "bare" else cpu_per_request(client, urls[key], args.n)
        print(f"{key:24} {status:>6} {ms:8.2f} {ms / bare:7.1f}")


if __name__ == "__main__":
    main()
