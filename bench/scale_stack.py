# ruff: noqa: S603, S607, S310 - a local tool that starts our own processes on loopback
"""The processes of the scale-out test (bench/scale_test.py): free ports, starting and
stopping them, and the services of the reference topology (PostgreSQL database, Redis,
moto's S3, two gunicorn nodes, two RQ workers). All bounded by DEADLINE."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEADLINE = time.monotonic() + 170
PORTS = iter(range(8150, 8200))
PROCESSES = []
LOGS = None  # the folder of the processes' logs, made by scale_test.main()


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def remaining():
    left = DEADLINE - time.monotonic()
    if left <= 0:
        raise TimeoutError("the scale-out test ran out of time")
    return left


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port left in 8150-8199")


def start(name, argv, env, port=None):
    logfile = open(LOGS / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.name = name
    PROCESSES.append(process)
    if port is not None:
        wait_for_port(port, process)
    return process


def wait_for_port(port, process):
    while remaining():
        if process.poll() is not None:
            raise RuntimeError(f"{process.name} exited; see {LOGS}/{process.name}.log")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)


def kill(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def stop_everything():
    for process in reversed(PROCESSES):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    for process in PROCESSES:
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            kill(process)


# The services ---------------------------------------------------------------------------


def environment():
    pg = os.environ.get("PGHOST_URL", "postgres://postgres@127.0.0.1:5432")
    redis_port, s3_port = free_port(), free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "REDIS", "TASKS"))},
        "DJANGO_SETTINGS_MODULE": "alliance_hub.settings",
        "DATABASE_URL": f"{pg}/ah_scale_{os.getpid()}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "TASKS_REDIS_URL": f"redis://127.0.0.1:{redis_port}/1",
        "AWS_STORAGE_BUCKET_NAME": "alliance-scale",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "scale-test",
        "AWS_SECRET_ACCESS_KEY": "scale-test",
        "SECRET_KEY": "scale-test-" + os.urandom(16).hex(),
        "DEBUG": "0",
        "SIMPLE_STATIC": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # A killed worker's job is seen as stale after 8 s and retried 1 s later.
        "JOB_STALE_SECONDS": "8",
        "JOB_RETRY_BASE_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    return env, redis_port, s3_port


def start_services(env, redis_port, s3_port):
    redis_server = shutil.which("redis-server")
    if not redis_server:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {database}"], check=True)
    migrate = start("migrate", [PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    start(
        "redis",
        [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
        env,
        redis_port,
    )
    start("s3", [PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)], env, s3_port)
    import boto3

    boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="scale-test",
        aws_secret_access_key="scale-test",  # noqa: S106 - moto's throwaway key
    ).create_bucket(Bucket=env["AWS_STORAGE_BUCKET_NAME"])
    if migrate.wait(remaining()) != 0:
        raise RuntimeError(f"migrate failed; see {LOGS}/migrate.log")
    log("database migrated")
    rows = json.loads(manage(env, "seed_demo", "--json"))
    log("demo data seeded")
    nodes = []
    for n in (1, 2):
        port = free_port()
        argv = [PY, "-m", "gunicorn", "alliance_hub.wsgi:application", "-b", f"127.0.0.1:{port}"]
        start(f"node{n}", [*argv, "-w", "2", "--threads", "2", "--timeout", "60"], env, port)
        nodes.append(f"http://127.0.0.1:{port}")
    worker = ["manage.py", "rqworker", "default", "--job-class", "django_tasks_rq.Job"]
    workers = [start(f"worker{n}", [PY, *worker, "--with-scheduler"], env) for n in (1, 2)]
    return rows, nodes, workers


def drop_database(env):
    admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    subprocess.run(
        ["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"],
        check=False,
        capture_output=True,
    )


def manage(env, *args):
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=remaining(), check=False,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout
