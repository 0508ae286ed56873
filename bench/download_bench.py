# ruff: noqa: S603, S607, S310 - a local tool that starts our own processes on loopback
"""The download part of ``make bench``: a big file through the app and straight from
disk, and the gunicorn workers' memory meanwhile."""

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time

from processes import free_port, rss_kb, say, wait_for, worker_pids


def big_file_version(summary, size_mb, media):
    """A document in the workspace whose version is a size_mb file (made once)."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    from documents.models import Document, Version
    from profiles.models import User
    from workspaces.models import Workspace

    name = f"documents/bench/big-{size_mb}mb.bin"
    size = size_mb * 2**20
    if not default_storage.exists(name) or default_storage.size(name) != size:
        say(f"writing a {size_mb} MB file")
        default_storage.delete(name)
        block = os.urandom(2**20)
        with tempfile.TemporaryFile() as spool:
            for _ in range(size_mb):
                spool.write(block)
            spool.seek(0)
            assert default_storage.save(name, File(spool)) == name
    workspace = Workspace.objects.get(slug=summary["workspace"])
    title = f"Bench download ({size_mb} MB)"
    document = Document.objects.filter(workspace=workspace, title=title).first()
    if document is None:
        document = Document(title=title, workspace=workspace, file_type="bin")
        document.created_by = User.objects.get(email=summary["member_email"])
        document.save()
        version = Version.objects.create(
            document=document,
            number=1,
            file=name,
            original_name="big.bin",
            content_type="application/octet-stream",
            size=size,
            sha256="0" * 64,
        )
        Document.objects.filter(pk=document.pk).update(
            latest_version=version, version_count=1, size=version.size
        )
    return document.pk, media / name  # the baseline below serves it from the bench's disk


def curl_speed(url, cookie=None):
    command = ["curl", "-s", "-o", "/dev/null", "-w", "%{speed_download} %{http_code}", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    speed, status = subprocess.run(
        command, check=True, capture_output=True, text=True
    ).stdout.split()
    if status != "200":
        raise SystemExit(f"[bench] {url} answered {status}")
    return float(speed) / 2**20


def bench_download(summary, cookie, master_pid, *, port, size_mb, media):
    from django.urls import reverse

    pk, path = big_file_version(summary, size_mb, media)
    url = f"http://127.0.0.1:{port}{reverse('documents:version_download', args=[pk, 1])}"
    workers = worker_pids(master_pid)
    before = max(rss_kb(pid) for pid in workers)
    peak = [before]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            for pid in workers:
                with contextlib.suppress(FileNotFoundError):
                    peak[0] = max(peak[0], rss_kb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    app = [curl_speed(url, cookie) for _ in range(2)]
    stop.set()
    sampler.join()
    raw_port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(raw_port), "--bind", "127.0.0.1"],
        cwd=path.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{raw_port}/")
        raw = [curl_speed(f"http://127.0.0.1:{raw_port}/{path.name}") for _ in range(2)]
    finally:
        server.terminate()
        server.wait()
    return {
        "size_mb": size_mb,
        "app_mbps": max(app),
        "raw_mbps": max(raw),
        "rss_before_mb": before / 1024,
        "rss_peak_mb": peak[0] / 1024,
    }
