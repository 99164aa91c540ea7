"""`make run`'s two dev identity providers: each speaks for its own organisations only."""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import jwt
import pytest

from chalicelib.api.auth import Refusal, TokenVerifier, Unauthenticated
from chalicelib.devtools.issuer import TRUSTED_ISSUERS_FILE, DevIssuer, DevProvider, prepare_providers
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


def test_make_token_refuses_a_provider_the_stack_does_not_run(tmp_path, monkeypatch):
    from scripts import token

    monkeypatch.setattr(sys, "argv", ["token", "--org", "DEA", "--issuer", "google"])
    with pytest.raises(SystemExit, match="unknown ISSUER 'google': the local stack runs agencies, platforms"):
        token.main()
