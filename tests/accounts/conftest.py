import functools
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from tests.ports import free_port
from workspaces.roles import Role
from workspaces.services import invitations_send


@pytest.fixture
def invite(world, django_capture_on_commit_callbacks, mailoutbox):
    """Invite ``email`` to the world's workspace as the lead; returns the link's token."""

    def send(email, role=Role.MEMBER):
        with django_capture_on_commit_callbacks(execute=True):
            invitations_send(
                actor=world.lead,
                workspace=world.workspace,
                emails=[email],
                role=role,
                organisation=world.workspace.partners.first(),
            )
        return re.search(r"/invite/([^/\s]+)/", mailoutbox[-1].body).group(1)

    return send


IDP_CLIENT_ID, IDP_SECRET, IDP_APP = "alliance-hub", "idp-test-secret", "idp-nordic"
ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8200, 8250)  # the accounts tests' range on the shared machine


def _write_key(path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


@pytest.fixture(scope="session")
def oidc_idp(tmp_path_factory):
    """A real OpenID Connect provider (tests/oidc_idp) in its own process on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("idp")
    _write_key(folder / "key.pem")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "tests.oidc_idp.settings",
        "IDP_DB": str(folder / "idp.sqlite3"),
        "IDP_KEY": str(folder / "key.pem"),
    }
    run = functools.partial(subprocess.run, env=env, cwd=ROOT, check=True)  # noqa: S603
    run([sys.executable, "-m", "django", "migrate", "-v", "0"])
    callback = f"http://testserver/accounts/oidc/{IDP_APP}/login/callback/"
    run([sys.executable, "-m", "tests.oidc_idp.register", IDP_CLIENT_ID, IDP_SECRET, callback])
    port = free_port(PORTS)
    log = open(folder / "idp.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{url}/o/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise RuntimeError((folder / "idp.log").read_text())
        yield SimpleNamespace(url=url, client_id=IDP_CLIENT_ID, secret=IDP_SECRET)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
