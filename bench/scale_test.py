# ruff: noqa: S603, S607, S310 - a local tool that starts our own processes on loopback
"""The scale-out test (`make scale-test`): the reference topology of docs/deploy.md on
one machine, under a bounded load, with one worker killed mid-job.

It starts a fresh PostgreSQL database (on the server at PGHOST, default 127.0.0.1:5432),
its own redis-server, moto's S3 server, two gunicorn nodes and two RQ workers, all on
free ports in 8150-8199, then drives logged-in clients through both nodes: uploads
(each downloaded again through the *other* node), wiki edits (each read back through
the other node) and workspace exports (each downloaded through the other node and
checked with zipfile.testzip()). While an export runs, the worker running it is
killed (SIGKILL); the job's recovery hands it to the surviving worker.

It prints requests, errors, jobs done and jobs retried, and fails (exit 1) if any
request failed, a job was lost or finished twice, a file or page differs between the
nodes, or a ZIP is damaged. Everything is stopped and the database dropped at the end.
The whole run is bounded (DEADLINE seconds, under three minutes).
"""

import contextlib
import hashlib
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

import requests
import scale_stack
from scale_stack import (
    ROOT,
    drop_database,
    environment,
    kill,
    log,
    remaining,
    start_services,
    stop_everything,
)

CLIENTS = 4  # simultaneous people, each alternating between the two nodes
ROUNDS = 5  # uploads and wiki edits per person
EXPORTS = 3
BIG_FILES = 8  # 2 MB each: an export that takes long enough to be interrupted


# The load ---------------------------------------------------------------------------

WORKSPACE = "north-sea"  # seed_demo's first alliance


def url(name, *args):
    from django.urls import reverse

    from workspaces.models import Workspace

    return reverse(name, args=[Workspace(slug=WORKSPACE), *args])


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.errors = []
        self.failures = []

    def count(self, response, expected, what):
        with self.lock:
            self.requests += 1
            if response.status_code not in expected:
                self.errors.append(f"{what}: HTTP {response.status_code} from {response.url}")
                return False
        return True

    def fail(self, text):
        with self.lock:
            self.failures.append(text)


STATS = Stats()


class Person:
    """A signed-in browser: one session cookie, used on both nodes."""

    def __init__(self, email, nodes):
        self.email = email
        self.nodes = nodes
        self.http = requests.Session()
        self.sign_in()

    def node(self, n):
        return self.nodes[n % 2]

    def call(self, method, n, path, expected=(200, 302), what="", **kwargs):
        url = self.node(n) + path
        if method == "POST":
            kwargs.setdefault("data", {})["csrfmiddlewaretoken"] = self.csrf(n)
            kwargs.setdefault("headers", {})["Referer"] = url
        response = self.http.request(
            method, url, allow_redirects=False, timeout=min(60, remaining()), **kwargs
        )
        STATS.count(response, expected, what or path)
        return response

    def csrf(self, n):
        token = self.http.cookies.get("csrftoken")
        if not token:
            self.call("GET", n, "/accounts/login/")
            token = self.http.cookies.get("csrftoken")
        return token

    def sign_in(self):
        response = self.call(
            "POST",
            0,
            "/accounts/login/",
            expected=(302,),
            what="sign in",
            data={"login": self.email, "password": DEMO_PASSWORD},
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.email} could not sign in")


def upload(person, n, name, content):
    from documents.models import Version

    path = url("documents:document_upload")
    response = person.call(
        "POST", n, path, expected=(302,), what="upload", files={"files": (name, content)}
    )
    if response.status_code != 302:
        return None
    return Version.objects.filter(original_name=name).values_list("document_id", flat=True).first()


def check_download(person, n, document_id, content):
    from documents.models import Document

    url = Document.objects.get(pk=document_id).get_permalink()
    response = person.call("GET", n, url, expected=(200,), what="download")
    if (
        response.status_code == 200
        and hashlib.sha256(response.content).digest() != hashlib.sha256(content).digest()
    ):
        STATS.fail(f"{url} read through the other node differs from what was uploaded")


def wiki_round(person, index, n, slug):
    from wiki.models import Page

    body = f"Edit {index} by {person.email}: {os.urandom(6).hex()}"
    if index == 0:
        data = {"title": f"Notes of {person.email}", "slug": slug, "body": body, "parent": ""}
        person.call("POST", n, url("wiki:page_create"), expected=(302,), what="wiki create",
                    data=data)  # fmt: skip
    else:
        page = Page.objects.get(path=slug, workspace__slug=WORKSPACE)
        data = {"title": page.title, "body": body, "base_revision": page.revision}
        person.call("POST", n, url("wiki:page_edit", slug), expected=(302,),
                    what="wiki edit", data=data)  # fmt: skip
    shown = person.call("GET", n + 1, url("wiki:page_detail", slug), expected=(200,), what="wiki")
    if shown.status_code == 200 and body.split(": ")[1] not in shown.text:
        STATS.fail(f"wiki page {slug} read through the other node lacks the last edit")


def person_load(person, number):
    rng = random.Random(number)
    for index in range(ROUNDS):
        n = number + index
        content = os.urandom(rng.randint(20_000, 200_000))
        document_id = upload(person, n, f"p{number}-r{index}-{os.getpid()}.bin", content)
        if document_id is not None:
            check_download(person, n + 1, document_id, content)
        wiki_round(person, index, n, f"load-{number}")


# Exports and the killed worker ------------------------------------------------------------


def ask_export(person, n):
    from jobs.models import Job

    before = Job.objects.filter(kind="export").count()
    person.call("POST", n, url("workspaces:export"), expected=(302,), what="export")
    job = Job.objects.filter(kind="export").order_by("-pk").first()
    return job.pk if job and Job.objects.filter(kind="export").count() > before else None


def kill_worker_running(job_id, workers):
    """SIGKILL the worker (and its work horse) that is running job ``job_id``."""
    import django_rq
    from rq import Worker

    connection = django_rq.get_connection("default")
    for rq_worker in Worker.all(connection=connection):
        current = rq_worker.get_current_job()
        if current is None or list(current.args) != [job_id]:
            continue
        for process in workers:
            if process.pid == rq_worker.pid and process.poll() is None:
                # RQ runs each job in a work horse in a session of its own (setsid), so
                # that a signal to the worker spares it: kill it too, as a dying machine would.
                for child in children(process.pid):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
                kill(process)
                return process.name
    return None


def children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def kill_one_worker_mid_export(job_ids, workers):
    from jobs.models import Job

    while remaining() > 60:
        # Mid-way: started writing, far from finished.
        running = Job.objects.filter(
            pk__in=job_ids, status=Job.Status.RUNNING, progress__gte=1, progress__lte=60
        ).first()
        if (
            running is None
            and not Job.objects.filter(pk__in=job_ids, status=Job.Status.QUEUED).exists()
        ):
            return None  # every export finished before a worker could be caught in one
        if running is not None:
            name = kill_worker_running(running.pk, workers)
            if name:
                running.refresh_from_db()
                log(f"killed {name} while it ran export job {running.pk} ({running.status})")
                if running.status != Job.Status.RUNNING:
                    STATS.fail(f"job {running.pk} finished before its worker was killed")
                return running.pk
        time.sleep(0.05)
    return None


def wait_for_jobs(job_ids):
    """Until every job is done or failed; meanwhile run the recovery that
    ``run_periodic`` schedules every minute (every 2 s here, to keep the run short)."""
    from jobs.models import Job
    from jobs.runner import recover

    while remaining() > 5:
        if (
            not Job.objects.exclude(status__in=[Job.Status.DONE, Job.Status.FAILED])
            .filter(pk__in=job_ids)
            .exists()
        ):
            return
        recover()
        time.sleep(2)


# Checks -----------------------------------------------------------------------------------


def finished_runs():
    """How many times each job id was finished ("done") by a worker, from RQ's results."""
    import django_rq
    from rq.job import Job as RQJob
    from rq.registry import FinishedJobRegistry

    connection = django_rq.get_connection("default")
    queue = django_rq.get_queue("default")
    done = Counter()
    for rq_id in FinishedJobRegistry(queue=queue).get_job_ids():
        rq_job = RQJob.fetch(rq_id, connection=connection)
        if rq_job.return_value() == "done":
            done[rq_job.args[0]] += 1
    return done


def check_exports(person, export_ids):
    from jobs.models import Job

    for job in Job.objects.filter(pk__in=export_ids, status=Job.Status.DONE):
        path = url("jobs:job_download", job.pk)
        response = person.call("GET", job.pk + 1, path, expected=(200,), what="export download")
        if response.status_code != 200:
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
                broken = archive.testzip()
        except zipfile.BadZipFile as error:
            broken = str(error)
        if broken is not None:
            STATS.fail(f"export of job {job.pk} is damaged: {broken}")


def check_jobs(all_ids):
    from jobs.models import Job

    jobs = list(Job.objects.filter(pk__in=all_ids))
    runs = finished_runs()
    lost = [job.pk for job in jobs if job.status != Job.Status.DONE]
    twice = [pk for pk, count in runs.items() if count > 1]
    never = [job.pk for job in jobs if job.status == Job.Status.DONE and runs[job.pk] != 1]
    if lost:
        STATS.fail(f"jobs not done (lost or failed): {lost}")
    if twice:
        STATS.fail(f"jobs finished more than once: {twice}")
    if never:
        STATS.fail(f"done jobs without exactly one finishing run: {never}")
    return sum(job.status == Job.Status.DONE for job in jobs), sum(job.attempts > 1 for job in jobs)


# The run ------------------------------------------------------------------------------------


def seed_big_files(lead):
    for k in range(BIG_FILES):
        upload(lead, k, f"big-{k}-{os.getpid()}.bin", os.urandom(2_000_000))


def run(env, workers, rows, nodes):
    from jobs.models import Job
    from workspaces.models import Membership

    mine = Membership.objects.filter(workspace__slug=WORKSPACE).select_related("user")
    members = [m.user.email for m in mine if m.role != "observer"]
    leads = [m.user.email for m in mine if m.role == "lead"]
    lead = Person(leads[0], nodes)
    people = [Person(email, nodes) for email in members[:CLIENTS]]
    first_job = (Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    seed_big_files(lead)
    log(f"load: {CLIENTS} people x {ROUNDS} rounds through {nodes[0]} and {nodes[1]}")
    threads = [threading.Thread(target=person_load, args=(p, i)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    export_ids = [pk for pk in (ask_export(lead, k) for k in range(EXPORTS)) if pk]
    if len(export_ids) != EXPORTS:
        STATS.fail(f"only {len(export_ids)} of {EXPORTS} exports were accepted")
    killed = kill_one_worker_mid_export(export_ids, workers)
    if killed is None:
        STATS.fail("no worker could be killed in the middle of an export")
    for thread in threads:
        thread.join(remaining())
    all_ids = list(Job.objects.filter(pk__gte=first_job).values_list("pk", flat=True))
    wait_for_jobs(all_ids)
    check_exports(lead, export_ids)
    done, retried = check_jobs(all_ids)
    if killed is not None and not Job.objects.filter(pk=killed, attempts__gt=1).exists():
        STATS.fail(f"the killed job {killed} was not retried")
    return len(all_ids), done, retried


def main():
    global DEMO_PASSWORD
    scale_stack.LOGS = logs = Path(tempfile.mkdtemp(prefix="scale-test-"))
    env, redis_port, s3_port = environment()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from seeding import alliances as demo

    DEMO_PASSWORD = demo.PASSWORD
    started = time.monotonic()
    try:
        log(f"starting PostgreSQL database, Redis, S3, 2 nodes, 2 workers (logs: {logs})")
        rows, nodes, workers = start_services(env, redis_port, s3_port)
        jobs, done, retried = run(env, workers, rows, nodes)
    except Exception as error:  # noqa: BLE001 - report any failure and clean up
        STATS.fail(f"{type(error).__name__}: {error}")
        jobs = done = retried = 0
    finally:
        stop_everything()
        drop_database(env)
    print(f"requests: {STATS.requests}")
    print(f"errors: {len(STATS.errors)}")
    print(f"jobs: {jobs}, jobs done: {done}, jobs retried: {retried}")
    print(f"time: {time.monotonic() - started:.0f} s")
    problems = STATS.errors[:20] + STATS.failures
    for problem in problems:
        print(f"FAILED: {problem}")
    print("scale-out test " + ("FAILED" if problems else "passed"))
    if not problems:
        shutil.rmtree(logs, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
