"""Real servers for the shared-state tests: moto's S3 server and redis-server, each
started on a free port of this branch's range, and stopped (or killed) by the test."""

import contextlib
import shutil
import socket
import subprocess
import sys
import time

import boto3
import pytest

from tests.ports import free_port

PORTS = range(8150, 8200)
S3_KEYS = {"access_key": "testing", "secret_key": "testing"}


def closed_port():
    """A port where nothing listens (a server that is down)."""
    return free_port(PORTS)


def wait_for_port(port, process, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


class Server:
    def __init__(self, argv, port):
        self.port = port
        self.process = subprocess.Popen(  # noqa: S603 - our own servers, fixed argv
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            wait_for_port(port, self.process)
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@contextlib.contextmanager
def running(server):
    try:
        yield server
    finally:
        server.stop()


def moto_s3():
    port = free_port(PORTS)
    return Server([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], port)


def redis(port=None):
    """A redis-server on ``port`` (a free one if None: pass the old port to restart)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = port or free_port(PORTS)
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    return Server(argv, port)


def create_bucket(endpoint, bucket):
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_keys()).create_bucket(
        Bucket=bucket
    )


def s3_storages(settings, endpoint, bucket="alliance-files", create=True):
    """Point default storage at ``bucket`` on the S3 server at ``endpoint``."""
    if create:
        create_bucket(endpoint, bucket)
    from botocore.config import Config

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "default_acl": None,
                "file_overwrite": False,
                "client_config": Config(
                    connect_timeout=1, read_timeout=5, retries={"max_attempts": 1}
                ),
                **S3_KEYS,
            },
        },
    }


def _keys():
    return {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def bucket_keys(endpoint, bucket="alliance-files"):
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_keys())
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))
