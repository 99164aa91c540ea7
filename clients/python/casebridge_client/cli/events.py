"""`casebridge events tail` and `casebridge listen`: the feed followed, and webhooks received on this machine."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Annotated

import typer

from casebridge_client.cli.terminal import connected, errors, secret_input
from casebridge_client.webhooks import WebhookReplayed, WebhookVerifier

app = typer.Typer(no_args_is_help=True, help="Your organisation's event feed")


@app.command("tail")
def tail(
    after: Annotated[str | None, typer.Option(help="A cursor or an event id: start after it")] = None,
    types: Annotated[str | None, typer.Option(help="Comma-separated detail-types")] = None,
    follow: Annotated[bool, typer.Option(help="Wait for more at the end")] = True,
    poll: Annotated[float, typer.Option(help="Seconds between polls at the end")] = 5.0,
) -> None:
    """Your organisation's events as JSON lines, oldest first; following, waits for more."""
    with connected() as cb:
        for event in cb.events(after, types=types.split(",") if types else None, follow=follow, poll=poll):
            print(json.dumps(event), flush=True)


def listen(
    secret: Annotated[
        str | None,
        typer.Option(
            metavar="-", help="`-`: read the whsec_… secret from standard input (else from CASEBRIDGE_WEBHOOK_SECRET)"
        ),
    ] = None,
    port: int = 9100,
) -> None:
    """A webhook receiver on this machine: verifies each delivery's signature and prints the
    event as a JSON line; a delivery it cannot verify is 400, a replayed id 204 and not printed.

    The secret comes from CASEBRIDGE_WEBHOOK_SECRET or standard input (`--secret -`), never
    the command line, where the process list shows it."""
    verifier = WebhookVerifier(secret_input(secret, "--secret", "CASEBRIDGE_WEBHOOK_SECRET", "the webhook secret"))

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                event = verifier.verify(body, dict(self.headers.items()))
            except WebhookReplayed as replayed:  # received already: acknowledged, not printed again
                errors().print(f"replayed: {replayed}")
                self.send_response(204)
            except Exception as refused:  # a bad signature or a stale timestamp
                errors().print(f"refused: {refused}")
                self.send_response(400)
            else:
                print(json.dumps(event), flush=True)
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    errors().print(f"listening on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
