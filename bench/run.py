# ruff: noqa: S603, S607, S310 - a local tool that starts our own processes on loopback
"""The benchmark (``make bench``): the app under gunicorn on PostgreSQL, loaded with wrk.

1. Creates (if needed) and migrates the PostgreSQL database BENCH_DATABASE_URL,
   seeds it with ``manage.py seed_big --scale BENCH_SCALE`` unless already seeded.
2. Serves the app with gunicorn (2 sync workers, DEBUG=0) on 127.0.0.1.
3. Logs a member in (a session created in the database; wrk sends its cookie) and,
   from wrk's own process, loads every page with 1 connection then 20: requests/s
   and p50/p95/p99 latency. SQL queries per page are counted in this process with
   the Django test client against the same database.
4. Downloads a 1 GB file through the app and straight from disk (python -m
   http.server): MB/s and the peak RSS of the gunicorn workers.
5. Prints a table and writes bench/results/latest.md.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
alliance_hub_bench), BENCH_SCALE (1.0), BENCH_DURATION (seconds per wrk run, 5),
BENCH_PORT (8765), BENCH_DOWNLOAD_MB (1024; 0 skips the download), BENCH_PAGES (keys of
PAGES to load, comma-separated, e.g. ``bare,search``; default all; the bare view is
always first, as every ratio is taken against it).
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from download_bench import bench_download
from processes import say, wait_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
DB_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alliance_hub_bench"
)
SCALE = os.environ.get("BENCH_SCALE", "1.0")
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DOWNLOAD_MB = int(os.environ.get("BENCH_DOWNLOAD_MB", "1024"))
MEDIA = ROOT / "bench" / "media"
PAGES = [
    ("bare view", "bare"),
    ("dashboard", "dashboard"),
    ("folder, 500 documents", "folder_500"),
    ("document, 50 versions", "document_50_versions"),
    ("wiki page (big-page.md)", "wiki_page"),
    ("wiki history (200 revisions)", "wiki_history"),
    ("wiki diff", "wiki_diff"),
    ("stream", "stream"),
    ("profile", "profile"),
    ("people directory", "people"),
    ("folder, page 100", "folder_page_100"),
    ("search, two words", "search"),
]
SEARCH_URL = "/search/?q=sediment+survey"
if os.environ.get("BENCH_PAGES"):
    _WANTED = {"bare", *os.environ["BENCH_PAGES"].split(",")}
    PAGES = [(label, key) for label, key in PAGES if key in _WANTED]

WRK_LUA = r"""
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    non2xx))
end
"""

os.environ.update(
    DATABASE_URL=DB_URL,
    DEBUG="0",
    BENCH_VIEWS="1",  # the bare view, the floor of the figures
    MEDIA_ROOT=str(MEDIA),
    STATIC_ROOT=str(ROOT / "staticfiles"),
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    DJANGO_SETTINGS_MODULE="alliance_hub.settings",
)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    say("wrk is not installed; installing it with apt-get (Debian package 'wrk')...")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    try:
        subprocess.run([*prefix, "apt-get", "install", "-y", "wrk"], check=True)
    except (subprocess.CalledProcessError, FileNotFoundError):
        sys.exit("[bench] Could not install wrk: run `apt-get install wrk` and try again.")


def ensure_database():
    import psycopg

    name = DB_URL.rsplit("/", 1)[1].split("?")[0]
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            say(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(*args, capture=False):
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    if capture:
        return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    subprocess.run(command, check=True, cwd=ROOT)
    return ""


def seed_file():
    """Where the seed_big summary of the benchmark's database is kept."""
    return RESULTS / f"seed-{DB_URL.rsplit('/', 1)[1].split('?')[0]}.json"


def seed_summary():
    """The seed_big summary, seeding first unless this database holds it already."""
    saved = seed_file()
    name = saved.stem.removeprefix("seed-")
    import django

    django.setup()
    from workspaces.models import Workspace

    if Workspace.objects.filter(slug="big-alliance").exists():
        if saved.exists():
            say(f"data set present, not reseeding ({saved.name})")
            return json.loads(saved.read_text())
        sys.exit(f"[bench] {name} holds a data set but {saved} is missing: drop the database.")
    say(f"seeding at scale {SCALE} (seed_big)...")
    started = time.monotonic()
    summary = json.loads(manage("seed_big", "--scale", SCALE, capture=True))
    summary["seed_seconds"] = round(time.monotonic() - started, 1)
    summary["scale"] = SCALE
    saved.write_text(json.dumps(summary, indent=2))
    say(f"seeded in {summary['seed_seconds']} s: {summary['counts']}")
    return summary


def start_gunicorn():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "alliance_hub.wsgi",
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{PORT}",
            "--timeout=300",
            "--log-level=warning",
        ],
        cwd=ROOT,
    )
    wait_for(f"http://127.0.0.1:{PORT}/healthz")
    return process


def member_session(email):
    """A real session row for the member (as a login would make), for wrk's cookie."""
    from django.conf import settings
    from django.test import Client

    from profiles.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return (
        client,
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
    )


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches the way a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"[bench] {url} answered {response.status_code}")
    return len(queries)


def run_wrk(url, cookie, connections, lua):
    threads = min(connections, 2)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{DURATION}s",
            "--timeout=10s",
            "-s",
            lua,
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(re.search(r"WRKJSON (\{.*\})", out).group(1))
    if data["non2xx"] or data["errors"]:
        say(f"warning: {url}: {data['non2xx']} non-2xx answers, {data['errors']} socket errors")
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def ensure_search_index(summary):
    """seed_big writes with bulk_create, past the services that keep the search index:
    build it once with `reindex` (resumable, so an interrupted build continues). The
    summary notes a finished build: the benchmark's own objects, made through the
    services, put a few rows into the index, so rows alone do not mean it is built."""
    from search.models import ReindexProgress

    summary["urls"].setdefault("search", SEARCH_URL)
    if summary.get("search_index_built") and not ReindexProgress.objects.exists():
        return
    say("building the search index (manage.py reindex)...")
    started = time.monotonic()
    manage("reindex", "--batch-size", "2000", capture=True)
    say(f"search index built in {time.monotonic() - started:.0f} s")
    summary["search_index_built"] = True
    seed_file().write_text(json.dumps(summary, indent=2))


def bench_extraction():
    """Seconds of worker time to extract the text of a new 10-page PDF."""
    import io

    from pypdf import PdfReader, PdfWriter

    from documents.samples import pdf_bytes
    from search.tasks import _limits, run_extractor

    page = PdfReader(io.BytesIO(pdf_bytes(["Sediment survey"] + ["Lorem ipsum dolor"] * 40)))
    writer = PdfWriter()
    for _ in range(10):
        writer.add_page(page.pages[0])
    path = Path(tempfile.mkstemp(suffix=".pdf")[1])
    with path.open("wb") as handle:
        writer.write(handle)
    import resource

    def cpu():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    started, wall = cpu(), time.monotonic()
    text, error = run_extractor(str(path), "pdf", _limits())
    seconds, wall = cpu() - started, time.monotonic() - wall
    path.unlink()
    if error or "Sediment" not in text:
        sys.exit(f"[bench] extracting the 10-page PDF failed: {error}")
    say(f"10-page PDF extracted: {seconds:.2f} s CPU, {wall:.2f} s wall")
    return seconds


def bench_pages(summary, cookie, client):
    lua = Path(tempfile.mkstemp(suffix=".lua")[1])
    lua.write_text(WRK_LUA)
    rows = []
    for label, key in PAGES:
        url = summary["urls"][key]
        queries = count_queries(client, url)
        full = f"http://127.0.0.1:{PORT}{url}"
        say(f"{label}: {queries} queries; wrk 1 and 20 connections, {DURATION} s each")
        single = run_wrk(full, cookie, 1, str(lua))
        many = run_wrk(full, cookie, 20, str(lua))
        rows.append({"page": label, "url": url, "queries": queries, "c1": single, "c20": many})
    lua.unlink()
    return rows


def machine():
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, PostgreSQL {pg}"


def table(rows, download, summary):
    bare, bare_p95 = rows[0]["c20"]["rps"], rows[0]["c1"]["p95"]
    lines = [
        "| page | SQL | req/s (1) | p50/p95/p99 ms (1) | p95 × bare (1) | req/s (20) "
        "| p50/p95/p99 ms (20) | % of bare (20) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        c1, c20 = row["c1"], row["c20"]
        lines.append(
            f"| {row['page']} | {row['queries']} | {c1['rps']:.0f} | {ms(c1)} | "
            f"{c1['p95'] / bare_p95:.1f} | {c20['rps']:.0f} | {ms(c20)} | "
            f"{100 * c20['rps'] / bare:.0f} % |"
        )
    lines += [
        "",
        f"Data set: {json.dumps(summary['counts'])}.",
    ]
    if download is None:
        return "\n".join(lines)
    lines[-1:] = [
        "| download | MB/s | gunicorn worker RSS before → peak |",
        "|---|---:|---:|",
        f"| {download['size_mb']} MB through the app | {download['app_mbps']:.0f} | "
        f"{download['rss_before_mb']:.0f} MB → {download['rss_peak_mb']:.0f} MB |",
        f"| same file, python -m http.server | {download['raw_mbps']:.0f} | - |",
        "",
        f"App / raw: {100 * download['app_mbps'] / download['raw_mbps']:.0f} %. "
        f"Data set: {json.dumps(summary['counts'])}.",
    ]
    return "\n".join(lines)


def ms(data):
    return "/".join(f"{data[p] / 1000:.1f}" for p in ("p50", "p95", "p99"))


def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    MEDIA.mkdir(parents=True, exist_ok=True)
    ensure_wrk()
    ensure_database()
    say(f"migrating {DB_URL}")
    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    summary = seed_summary()
    ensure_search_index(summary)
    extraction = bench_extraction()
    client, cookie = member_session(summary["member_email"])
    server = start_gunicorn()
    try:
        rows = bench_pages(summary, cookie, client)
        download = (
            bench_download(summary, cookie, server.pid, port=PORT, size_mb=DOWNLOAD_MB, media=MEDIA)
            if DOWNLOAD_MB
            else None
        )
    finally:
        server.terminate()
        server.wait()
    report = table(rows, download, summary)
    report += (
        f"\n\nText of a new 10-page PDF extracted in {extraction:.2f} s of CPU "
        "(the extractor's child process, start-up included)."
    )
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"# Benchmark, {when}\n\nMachine: {machine()}. gunicorn 2 sync workers, DEBUG=0, "
        f"wrk {DURATION} s per run on loopback, scale {summary.get('scale', SCALE)}.\n\n"
    )
    (RESULTS / "latest.md").write_text(header + report + "\n")
    print()
    print(header + report)
    say(f"written to {RESULTS / 'latest.md'}")


if __name__ == "__main__":
    main()
