"""The config file: named profiles, each an API address and a token (and, for a local login, the
organisation), so that one terminal can act as DEA and as HSI side by side.

    {"profiles": {"default": {"url": "…", "token": "…"}, "hsi": {"url": "…", "token": "…", "org": "HSI"}}}

The file `casebridge login` wrote before profiles (`{"url", "token"}`) is read as the profile
`default`, and rewritten in this shape by the next login.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casebridge_client.cli.failures import ExitCode, Refused

#: The profile used when none is named (`--profile`, `CASEBRIDGE_PROFILE`).
DEFAULT = "default"


def config_path() -> Path:
    return Path(os.environ.get("CASEBRIDGE_CONFIG") or Path.home() / ".config" / "casebridge" / "config.json")


@dataclass(frozen=True)
class Profile:
    name: str
    url: str
    token: str
    #: The organisation of a `login --local` (a dev token says it; a real one's issuer decides).
    org: str | None = None

    def expires(self) -> datetime | None:
        """When the token ends, as it says itself (read, not verified: the API verifies it)."""
        try:
            payload = self.token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            return datetime.fromtimestamp(int(claims["exp"]), UTC)
        except (IndexError, KeyError, TypeError, ValueError):
            return None


def profiles(path: Path) -> dict[str, Profile]:
    """Every profile in the config file, by name (none if there is no file)."""
    found = {}
    for name, settings in _saved(path).items():
        if not isinstance(settings, dict) or not settings.get("url") or not settings.get("token"):
            raise Refused(ExitCode.LOCAL, f"the profile {name!r} in {path} needs a url and a token: log in to it again")
        found[name] = Profile(name, str(settings["url"]), str(settings["token"]), settings.get("org"))
    return found


def _saved(path: Path) -> dict[str, Any]:
    """The profiles as the file holds them (none if there is no file)."""
    if not path.exists():
        return {}
    try:
        document = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise Refused(ExitCode.LOCAL, f"cannot read the config file {path}: {error}") from None
    if not isinstance(document, dict):
        raise Refused(ExitCode.LOCAL, f"the config file {path} is not a JSON object")
    # The file before profiles: its one address and token are the profile `default`.
    named = document.get("profiles", {DEFAULT: document} if "url" in document or "token" in document else {})
    if not isinstance(named, dict):
        raise Refused(ExitCode.LOCAL, f"the profiles in the config file {path} are not a JSON object")
    return named


def profile(path: Path, name: str) -> Profile:
    """One profile; a missing one says which there are."""
    known = profiles(path)
    if name not in known:
        there = f"the profiles in {path}: {', '.join(sorted(known))}" if known else f"no profiles in {path}"
        raise Refused(
            ExitCode.LOCAL, f"no profile {name!r} ({there}); log in to it: casebridge --profile {name} login …"
        )
    return known[name]


def save_profile(path: Path, saved: Profile) -> None:
    """Writes one profile, keeping every other one as it is."""
    write_private(path, {"profiles": {**_saved(path), saved.name: _settings(saved)}})


def _settings(found: Profile) -> dict[str, str]:
    return {"url": found.url, "token": found.token, **({"org": found.org} if found.org else {})}


def write_private(path: Path, document: dict[str, Any]) -> None:
    """Writes the config file readable by its owner only from its first byte, and atomically:
    a new file created 0600 under a name nobody could have prepared (`O_EXCL`, `O_NOFOLLOW`)
    replaces it. A config path that is a symbolic link is refused, never written through.
    (The local stack's key material follows the same rule: `chalicelib.devtools.local_files`;
    this package is installed on its own, so it cannot share that code.)"""
    if path.is_symlink():
        raise Refused(ExitCode.LOCAL, f"{path} is a symbolic link; not writing a token through it (remove it first)")
    partial = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(document, file, indent=2)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise Refused(ExitCode.LOCAL, f"cannot write {path}: {error.strerror or error}") from None
