"""`make run`'s two dev identity providers: each speaks for its own organisations only."""

from __future__ import annotations

import http.server
import json
import sys
import threading
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from chalicelib.api.auth import Refusal, TokenVerifier, Unauthenticated
from chalicelib.devtools.issuer import (
    TRUSTED_ISSUERS_FILE,
    DevIssuer,
    DevProvider,
    prepare_providers,
    published_key_set,
)
from chalicelib.domain.organisations import OrgRole, seed
from chalicelib.settings import Settings


def _verifier(folder) -> TokenVerifier:
    """The API's verifier, trusting what the local stack's start wrote, as `make run` configures it."""
    trusted = Settings.from_env({"CASEBRIDGE_TRUSTED_ISSUERS_FILE": str(folder / TRUSTED_ISSUERS_FILE)})
    return TokenVerifier(trusted.trusted_issuers, "casebridge", seed(), timedelta(seconds=30), timedelta(hours=12))


def test_the_agencies_provider_speaks_for_the_agencies_and_the_platforms_provider_for_the_platforms(tmp_path):
    prepare_providers(tmp_path)
    bound = {
        entry["issuer"]: set(entry["organisations"])
        for entry in json.loads((tmp_path / TRUSTED_ISSUERS_FILE).read_text())
    }
    platforms = {org.code for org in seed() if org.role is OrgRole.PLATFORM}
    assert bound == {
        "https://agencies.casebridge.local": {org.code for org in seed()} - platforms,
        "https://platforms.casebridge.local": platforms,
    }
    assert platforms == {"META", "TIKTOK", "X", "YOUTUBE"}


def test_each_provider_is_believed_for_its_own_and_refused_for_the_others(tmp_path):
    prepare_providers(tmp_path)
    verify = _verifier(tmp_path).verify
    agencies, platforms = DevProvider.AGENCIES.load(tmp_path), DevProvider.PLATFORMS.load(tmp_path)
    assert verify(f"Bearer {platforms.token('META')}").org.code == "META"
    assert verify(f"Bearer {agencies.token('DEA')}").org.code == "DEA"
    for misbound in (platforms.token("DEA"), agencies.token("META")):
        with pytest.raises(Unauthenticated) as refused:
            verify(f"Bearer {misbound}")
        assert refused.value.refusal is Refusal.ISSUER_NOT_BOUND


def test_a_local_folder_from_before_there_were_two_keeps_its_key_and_gains_the_platforms(tmp_path):
    """A stack started before this change still starts: its one key becomes the agencies'
    (their tokens keep working), the platforms' is made, and the trust file is bound anew."""
    from cryptography.hazmat.primitives import serialization

    from chalicelib.devtools.local_files import write_secret

    before = DevIssuer.generate()  # the one provider there was, with its files as it saved them
    pem = before.private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    write_secret(tmp_path / "issuer-key.pem", pem)
    (tmp_path / "issuer.json").write_text(
        json.dumps({"issuer": before.issuer, "key_id": before.key_id, "algorithm": "RS256"})
    )
    (tmp_path / TRUSTED_ISSUERS_FILE).write_text(json.dumps([{"issuer": before.issuer, "jwks": before.jwks()}]))

    prepare_providers(tmp_path)
    assert DevProvider.AGENCIES.load(tmp_path).key_id == before.key_id
    assert (tmp_path / DevProvider.PLATFORMS.key_file).exists()
    verify = _verifier(tmp_path).verify
    assert verify(f"Bearer {before.token('HSI')}").org.code == "HSI"
    with pytest.raises(Unauthenticated) as refused:
        verify(f"Bearer {before.token('META')}")  # the old provider spoke for everyone; no more
    assert refused.value.refusal is Refusal.ISSUER_NOT_BOUND
    assert verify(f"Bearer {DevProvider.PLATFORMS.load(tmp_path).token('META')}").org.code == "META"


@pytest.mark.parametrize(
    ("arguments", "issuer"),
    [
        (["--org", "META"], "https://platforms.casebridge.local"),
        (["--org", "dea"], "https://agencies.casebridge.local"),
        (["--org", "DEA", "--issuer", "platforms"], "https://platforms.casebridge.local"),
    ],
)
def test_make_token_signs_with_the_organisations_own_provider_unless_told(
    tmp_path, monkeypatch, capsys, arguments, issuer
):
    from scripts import token

    prepare_providers(tmp_path / ".local")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(token, "running_pid", lambda folder: 4242)  # as if `make run` ran here
    monkeypatch.setattr(sys, "argv", ["token", *arguments])
    token.main()
    assert jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False})["iss"] == issuer


@pytest.mark.parametrize(
    ("arguments", "name"),
    [
        (["--org", "DEA"], "Duty agent DEA"),
        (["--org", "DEA", "--sub", "supervisor.dea@example.gov"], "Duty supervisor DEA"),
        (["--org", "CASEBRIDGE", "--sub", "Registrar.Casebridge@example.gov"], "Registrar CASEBRIDGE"),
        (["--org", "DEA", "--sub", "sa.kim@dea.gov"], "sa.kim@dea.gov"),
    ],
)
def test_make_token_names_the_person_its_subject_is_as_the_seed_does(tmp_path, monkeypatch, capsys, arguments, name):
    """What the API records of who acted is the token's name: a supervisor's token names the
    supervisor, not the duty agent; a subject the seed does not register is named by itself."""
    from scripts import token

    prepare_providers(tmp_path / ".local")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(token, "running_pid", lambda folder: 4242)
    monkeypatch.setattr(sys, "argv", ["token", *arguments])
    token.main()
    assert jwt.decode(capsys.readouterr().out.strip(), options={"verify_signature": False})["name"] == name


def test_make_token_refuses_a_provider_the_stack_does_not_run(tmp_path, monkeypatch):
    from scripts import token

    monkeypatch.setattr(sys, "argv", ["token", "--org", "DEA", "--issuer", "google"])
    with pytest.raises(SystemExit, match="unknown ISSUER 'google': the local stack runs agencies, platforms"):
        token.main()


def test_a_rotation_signs_with_a_new_key_id_and_keeps_publishing_the_last_two_retired_keys(tmp_path):
    prepare_providers(tmp_path)
    first = DevProvider.AGENCIES.load(tmp_path).key_id
    rotated = [DevProvider.AGENCIES.rotate(tmp_path).key_id for _ in range(3)]
    assert DevProvider.AGENCIES.load(tmp_path).key_id == rotated[-1]
    published = DevProvider.AGENCIES.published(tmp_path)["keys"]
    assert [key["kid"] for key in published] == [rotated[2], rotated[1], rotated[0]]  # `first` retired for good
    assert first not in {key["kid"] for key in published}
    assert all("d" not in key for key in published)  # public halves only
    assert DevProvider.PLATFORMS.load(tmp_path).key_id not in rotated  # the other provider is untouched


class _LocalServer(http.server.BaseHTTPRequestHandler):
    """The local server's answer to a dev provider's JWKS path (`scripts/localstack.py`)."""

    folder: Path

    def do_GET(self) -> None:
        published = published_key_set(self.folder, self.path)
        body = json.dumps(published).encode()
        self.send_response(200 if published is not None else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


def test_the_local_stage_trusts_each_provider_by_its_published_key_set_and_a_rotation_needs_no_restart(tmp_path):
    from chalicelib.api.auth import TokenVerifier
    from chalicelib.identity_keys import TrustedKeys

    handler = type("Handler", (_LocalServer,), {"folder": tmp_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        prepare_providers(tmp_path, f"http://127.0.0.1:{server.server_port}")
        env = {
            "CASEBRIDGE_STAGE": "local",
            "CASEBRIDGE_TRUSTED_ISSUERS_FILE": str(tmp_path / TRUSTED_ISSUERS_FILE),
            "CASEBRIDGE_JWKS_REFETCH_SECONDS": "0",  # as `make run` sets it
        }
        config = Settings.from_env(env)
        assert [issuer.jwks_uri for issuer in config.trusted_issuers] == [
            f"http://127.0.0.1:{server.server_port}/dev/issuers/agencies/jwks.json",
            f"http://127.0.0.1:{server.server_port}/dev/issuers/platforms/jwks.json",
        ]
        keys = TrustedKeys.of(config.trusted_issuers, refetch_interval=config.jwks_refetch_interval)
        leeway, lifetime = timedelta(seconds=30), timedelta(hours=12)
        verify = TokenVerifier(config.trusted_issuers, "casebridge", seed(), leeway, lifetime, keys).verify
        before = DevProvider.AGENCIES.load(tmp_path).token("DEA")
        assert verify(f"Bearer {before}").org.code == "DEA"

        DevProvider.AGENCIES.rotate(tmp_path)
        after = DevProvider.AGENCIES.load(tmp_path).token("DEA")
        assert jwt.get_unverified_header(after)["kid"] != jwt.get_unverified_header(before)["kid"]
        assert verify(f"Bearer {after}").org.code == "DEA"
        assert verify(f"Bearer {before}").org.code == "DEA"  # the retired key still published
        assert verify(f"Bearer {DevProvider.PLATFORMS.load(tmp_path).token('META')}").org.code == "META"
    finally:
        server.shutdown()
        server.server_close()


def test_no_deployed_stage_serves_the_dev_providers_keys(client):
    """Only `make run`'s local server answers `/dev/issuers/…`, beside the app: the app, which
    every stage deploys, has no such route and answers it as any unknown path."""
    from app import app

    assert [path for path in app.routes if path.startswith("/dev")] == []
    for provider in DevProvider:
        answer = client.http.get(provider.jwks_path)
        assert answer.status_code in (403, 404)  # API Gateway's and the test client's "no such route"
        assert b"keys" not in answer.body


def test_a_deployed_stage_may_not_trust_a_key_set_on_the_laptop(tmp_path):
    from pydantic import ValidationError

    prepare_providers(tmp_path, "http://127.0.0.1:8000")
    for stage in ("dev", "prod"):
        env = {"CASEBRIDGE_STAGE": stage, "CASEBRIDGE_TRUSTED_ISSUERS_FILE": str(tmp_path / TRUSTED_ISSUERS_FILE)}
        with pytest.raises(ValidationError, match="on the laptop only in the local stage"):
            Settings.from_env(env)


def test_make_rotate_key_rotates_the_named_provider_and_refuses_another(tmp_path, monkeypatch, capsys):
    from scripts import rotate_key

    prepare_providers(tmp_path / ".local")
    before = DevProvider.PLATFORMS.load(tmp_path / ".local").key_id
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["rotate_key", "--issuer", "platforms"])
    rotate_key.main()
    after = DevProvider.PLATFORMS.load(tmp_path / ".local").key_id
    assert after != before
    assert capsys.readouterr().out.startswith(f"platforms: signs with {after} from now on; {before} stays published")
    monkeypatch.setattr(sys, "argv", ["rotate_key", "--issuer", ""])
    with pytest.raises(SystemExit, match="name the provider to rotate: ISSUER=agencies or ISSUER=platforms"):
        rotate_key.main()


def test_make_run_publishes_each_providers_keys_and_takes_a_rotated_key_without_a_restart(running_stack):
    """The whole story on a real `make run`: its API fetches the providers' keys from its own
    server; `make rotate-key` and a token signed with the new key is believed at once."""
    import subprocess
    import urllib.error
    import urllib.request

    from tests.test_local_stack import _shell_environment

    def read_cases(token: str) -> int:
        request = urllib.request.Request(
            f"{running_stack['url']}/v1/cases", headers={"Authorization": f"Bearer {token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as refused:
            return int(refused.code)

    with urllib.request.urlopen(f"{running_stack['url']}/dev/issuers/agencies/jwks.json", timeout=30) as answer:
        published = json.loads(answer.read())
    before = running_stack["token"]("DEA")
    assert [key["kid"] for key in published["keys"]] == [jwt.get_unverified_header(before)["kid"]]
    assert read_cases(before) == 200

    rotated = subprocess.run(
        ["make", "-s", "rotate-key", "ISSUER=agencies"],
        cwd=running_stack["dir"],
        env=_shell_environment(),
        capture_output=True,
        text=True,
    )
    assert rotated.returncode == 0, rotated.stderr
    after = running_stack["token"]("DEA")
    assert jwt.get_unverified_header(after)["kid"] != jwt.get_unverified_header(before)["kid"]
    assert read_cases(after) == 200
    assert read_cases(before) == 200
    assert read_cases(running_stack["token"]("META")) == 403  # verified (not 401): a platform reads no cases
