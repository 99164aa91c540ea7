"""`make token ORG=DEA [SCOPE=...] [SUB=...] [MFA=otp] [HOURS=8] [ISSUER=platforms]`: prints a token for the local stack.

It is signed by the dev identity provider bound to the organisation: the agencies' for an
agency, the platforms' for a platform. `ISSUER=agencies|platforms` names the provider instead:
`make token ORG=DEA ISSUER=platforms` is what a provider trusted for others would sign, and the
API refuses it (401, `issuer_not_bound`). An organisation onboarded through the API is not in
the seed: name the provider its registry entry lists (`make token ORG=NVDPS ISSUER=agencies`).

`SUB=` names the person (the seed registers `agent.<org>@example.gov`, the default, an agency's
`supervisor.<org>@example.gov` and everyone's `admin.<org>@example.gov`: docs/concepts/verified-requesters.md);
and the token names them as the seed does (`Duty supervisor DEA`; an unseeded subject is named
by itself); `MFA=none|otp|phishing_resistant` says how they signed in (the token's `amr`; phishing_resistant
unless told), so that each refusal of a sensitive act can be tried by hand.

Tokens last an hour unless HOURS says otherwise (at most a week: a dev token, not a key).
With the stack stopped it says so, in one line, and prints no token.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chalicelib.devtools.issuer import DEFAULT_MFA, MFA_CLAIMS, DevProvider
from chalicelib.devtools.issuer import DEV_TOKEN_MAX_HOURS as MAX_HOURS
from chalicelib.devtools.people import seed_name
from chalicelib.devtools.stack_file import running_pid
from chalicelib.domain.organisations import seed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", required=True)
    parser.add_argument("--scope", default="")
    parser.add_argument("--sub", default="")
    parser.add_argument("--mfa", default="", help=f"{', '.join(MFA_CLAIMS)} (default: {DEFAULT_MFA})")
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--issuer", default="", help="agencies or platforms (default: the organisation's own)")
    args = parser.parse_args()
    org = args.org.upper()
    found = seed().get(org)
    if found is None and not args.issuer:  # most likely a typo: refused here, naming the seed's codes
        sys.exit(
            f"unknown organisation {org!r}: the seed (chalicelib/data/organisations.json) holds {seed().known()}; "
            "for an organisation onboarded through the API, name its provider: ISSUER=agencies or ISSUER=platforms"
        )
    if args.issuer and args.issuer.lower() not in list(DevProvider):
        sys.exit(f"unknown ISSUER {args.issuer!r}: the local stack runs {', '.join(DevProvider)}")
    provider = DevProvider(args.issuer.lower()) if args.issuer or found is None else DevProvider.of(found)
    mfa = args.mfa.lower() or DEFAULT_MFA
    if mfa not in MFA_CLAIMS:
        sys.exit(f"unknown MFA {args.mfa!r}: one of {', '.join(MFA_CLAIMS)}")
    if not 0 < args.hours <= MAX_HOURS:
        sys.exit(f"HOURS must be more than 0 and at most {MAX_HOURS} (a week)")
    folder = Path(".local")
    if running_pid(folder.parent) is None or not (folder / provider.key_file).exists():
        # A token of a stopped stack would be refused by nothing and accepted by nothing yet.
        sys.exit("the local stack is not running here: start it with `make run` (in another terminal) first")
    issuer = provider.load(folder)
    lifetime = int(args.hours * 3600)
    # The person's name, as the registry has it: the seed's for a seeded subject, else the subject.
    named = {"name": (found and seed_name(args.sub, found)) or args.sub} if args.sub else {}
    print(issuer.token(org, scope=args.scope or None, sub=args.sub or None, lifetime=lifetime, mfa=mfa, **named))


if __name__ == "__main__":
    main()
