"""Figures and reports (issue 34): the stream counts what was done, per month, audience and
dimension; each report reads its own audience's counters, as JSON, CSV or an SVG chart."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zlib
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain.figures import Period
from tests.conftest import ISSUER, load_event

YEAR = f"{datetime.now(UTC):%Y}"
#: The half-year now: the national reports are read by halves only.
HALF = f"{YEAR}-H{1 if datetime.now(UTC).month <= 6 else 2}"
#: The reports that hide small cells, and so are read by halves.
BY_HALF = ("national", "progress")


def subpoena(api, case_id: str, org: str = "DEA") -> str:
    served = api.call("POST", f"/v1/cases/{case_id}/legal-requests", org, load_event("api/serve-subpoena.json"))
    assert served.status_code == 201, served.body
    return str(served.data["request_id"])


def answer(api, request_id: str, outcome: str = "produced") -> None:
    path = f"/v1/legal-requests/{request_id}"
    assert api.call("POST", f"{path}/acknowledge", "META", {"platform_reference": "LERS-1"}).status_code == 200
    body: dict[str, Any] = {"outcome": outcome}
    if outcome == "rejected":
        body |= {"reason_code": "no_records", "detail": "No data held"}
    assert api.call("POST", f"{path}/answer", "META", body).status_code == 200


def report(api, name: str, org: str, period: str | None = None) -> Any:
    period = period or (HALF if name in BY_HALF else YEAR)
    return api.call("GET", f"/v1/reports/{name}?period={period}", org)


def report_as(api, media_type: str, name: str, org: str, period: str | None = None) -> tuple[str, str]:
    """The report as `Accept` asks for it: its content type and its text."""
    period = period or (HALF if name in BY_HALF else YEAR)
    headers = {"Authorization": f"Bearer {ISSUER.token(org)}", "Accept": media_type}
    answered = api.client.http.request("GET", f"/v1/reports/{name}?period={period}", headers=headers, body=b"")
    assert answered.status_code == 200, answered.body
    return {name.lower(): value for name, value in answered.headers.items()}["content-type"], answered.body.decode()


def section(found: dict[str, Any], figure: str, shown: str = "counts", by: list[str] | None = None) -> dict[str, Any]:
    [match] = [
        s for s in found["sections"] if s["figure"] == figure and s["shown"] == shown and (by is None or s["by"] == by)
    ]
    return match


def rows(table: dict[str, Any]) -> dict[str, Any]:
    return {",".join(row["labels"].values()): row for row in table["rows"]}


@pytest.fixture
def done(api, pump) -> dict[str, Any]:
    """Three subpoenas DEA served on META (two answered with data, one rejected), one HSI
    served, DEA's emergency request (disclosed), a preservation of DEA's, META's tip (routed
    to DEA, which dismissed it), and a referral HSI accepted."""
    case = api.open_case("DEA")["case_id"]
    first, second, third = (subpoena(api, case) for _ in range(3))
    answer(api, first)
    answer(api, second)
    answer(api, third, "rejected")
    asked = api.call(
        "POST", f"/v1/cases/{case}/emergency-requests", "DEA", load_event("api/ask-emergency-request.json")
    )
    emergency = f"/v1/emergency-requests/{asked.data['request_id']}"
    supervisor = {"sub": "supervisor.dea@example.gov", "scope": "cases:read emergency:approve"}
    assert api.call("POST", f"{emergency}/approve", "DEA", {}, **supervisor).status_code == 200
    assert api.call("POST", f"{emergency}/acknowledge", "META", {}).status_code == 200
    assert api.call("POST", f"{emergency}/answer", "META", {"outcome": "disclosed"}).status_code == 200
    hsi_case = api.open_case("HSI")["case_id"]
    subpoena(api, hsi_case, "HSI")
    body = load_event("api/request-preservation.json")
    assert api.call("POST", f"/v1/cases/{case}/preservations", "DEA", body).status_code == 201
    tip = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json")).data["tip_id"]
    referral = api.refer(case, "HSI")
    pump.drain()
    assert api.call("POST", f"/v1/referrals/{referral['referral_id']}/accept", "HSI").status_code == 200
    assert api.call("POST", f"/v1/tips/{tip}/dismiss", "DEA", {"reason": "not actionable"}).status_code == 200
    pump.drain()
    return {"case": case}


def test_a_platforms_transparency_report_counts_its_own_requests(api, done):
    answered = report(api, "transparency", "META")
    assert answered.status_code == 200, answered.body
    found = answered.data
    assert found["audience"] == "PLATFORM:META" and found["period"]["name"] == YEAR
    received = section(found, "requests")
    assert rows(received)["subpoena"]["count"] == 4 and received["total"]["count"] == 5  # and the emergency
    assert rows(section(found, "accounts"))["subpoena"]["count"] == 8
    share = rows(section(found, "answered", "share"))["subpoena"]
    assert share["count"] == 3 and share["share_percent"] == pytest.approx(66.7)
    assert section(found, "preservations")["total"]["count"] == 1
    secret = rows(section(found, "requests", "share"))
    assert (secret["subpoena"]["share_percent"], secret["emergency"]["share_percent"]) == (100.0, 0.0)
    ack = rows(section(found, "ack_time", "times"))["subpoena"]
    assert ack["count"] == 3 and ack["median_seconds"] == 30.0  # under a minute: bucket 0
    assert found["hidden_under"] is None


def test_an_emergency_request_is_counted_once_it_reaches_the_platform(api, done):
    found = report(api, "transparency", "META").data
    assert rows(section(found, "requests"))["emergency"]["count"] == 1
    disclosed = rows(section(found, "answered", "share"))["emergency"]
    assert (disclosed["count"], disclosed["share_percent"], disclosed["shown"]) == (1, 100.0, "100.0%")
    assert rows(section(found, "answer_time", "times"))["emergency"]["count"] == 1


def test_an_agencys_report_counts_what_it_sent_and_received(api, done):
    dea = report(api, "agency", "DEA").data
    assert rows(section(dea, "requests"))["subpoena,META"]["count"] == 3
    assert section(dea, "referrals_sent")["total"]["count"] == 1
    hsi = report(api, "agency", "HSI").data
    assert rows(section(hsi, "requests"))["subpoena,META"]["count"] == 1
    assert rows(section(hsi, "referrals_received"))["federal"]["count"] == 1
    assert rows(section(hsi, "referrals_decided"))["received,accepted"]["count"] == 1
    assert "META" not in str(section(hsi, "referrals_received"))  # nothing of DEA's requests
    assert rows(section(dea, "tips_received"))["distribution"]["count"] == 1  # the routing rule's name
    assert rows(section(dea, "tips_ended"))["dismissed"]["count"] == 1
    assert section(hsi, "tips_received")["rows"] == []  # DEA's tip is DEA's


def test_the_national_picture_hides_small_cells(api, done):
    found = report(api, "national", "ONDCP").data
    assert found["hidden_under"] == 10
    by_platform = section(found, "requests", by=["platform"])
    assert rows(by_platform)["META"] == {**rows(by_platform)["META"], "count": None, "shown": "<10"}
    assert by_platform["total"]["shown"] == "<10"
    tips = rows(section(found, "tips", by=["activity"]))
    assert tips["drugs_and_precursors"]["shown"] == "<10"
    assert found["gaps"] == []  # the watch centers' figures are counted too


def test_a_report_comes_as_csv_and_as_an_svg_chart(api, done):
    media_type, text = report_as(api, "text/csv", "transparency", "META")
    assert media_type == "text/csv; charset=utf-8"
    lines = list(csv.DictReader(io.StringIO(text)))
    [subpoenas] = [
        line for line in lines if line["section"] == "Requests received, by kind" and line["labels"] == "kind=subpoena"
    ]
    assert subpoenas["count"] == "4"
    media_type, text = report_as(api, "image/svg+xml", "transparency", "META")
    assert media_type == "image/svg+xml"
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("Transparency report")
    assert "Requests received, by kind" in text


def test_only_a_chart_imports_the_charting_library_and_only_a_pdf_the_pdf_library():
    """A fresh API function answers a report in JSON and CSV without pygal or fpdf2; the chart
    brings pygal, and only the PDF brings fpdf2."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = f"""
import json, sys
from moto import mock_aws
from chalicelib.devtools.environment import app_client
from chalicelib.devtools.provision import provision
with mock_aws():
    provision("test")
    from app import app
    with app_client(app) as client:
        seen = []
        for accept in ("application/json", "text/csv", "image/svg+xml", "application/pdf"):
            headers = {{"Authorization": "Bearer {ISSUER.token("DEA")}", "Accept": accept}}
            assert client.http.get("/v1/reports/agency?period={YEAR}", headers=headers).status_code == 200
            seen.append(["pygal" in sys.modules, "fpdf" in sys.modules])
print(json.dumps(seen))
"""
    root = Path(__file__).resolve().parents[1]
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=dict(os.environ), capture_output=True, text=True, timeout=300
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert json.loads(ran.stdout.splitlines()[-1]) == [[False, False], [False, False], [True, False], [True, True]]


def test_a_small_national_cell_is_shown_as_under_10_and_hides_its_complement(api, pump):
    def batch(platform: str, count: int, category: str) -> None:
        tips = [
            {"platform_reference": f"{platform}-{n}", "reported_accounts": [{"handle": f"v_{n}"}], "category": category}
            for n in range(count)
        ]
        assert api.call("POST", "/v1/tips/batch", platform, {"tips": tips}).status_code in (200, 201)

    batch("TIKTOK", 12, "weapons")
    batch("YOUTUBE", 3, "firearms")
    pump.drain()
    found = report(api, "national", "ONDCP").data
    by_platform = section(found, "tips", by=["platform"])
    # YOUTUBE's 3 is hidden; TIKTOK's 12 with it, or the total 15 would give the 3 away.
    assert [(row["labels"], row["count"], row["shown"]) for row in by_platform["rows"]] == [
        ({"platform": "TIKTOK"}, None, "<10"),
        ({"platform": "YOUTUBE"}, None, "<10"),
    ]
    assert (by_platform["total"]["count"], by_platform["total"]["shown"]) == (15, "15")
    # Weapons and firearms are one of the Act's categories: 15, shown.
    assert rows(section(found, "tips", by=["activity"]))["firearms"]["shown"] == "15"
    # The agencies' kinds, never one of them: nothing in the national picture names an agency.
    assert not {"DEA", "HSI", "ATF", "USPIS"} & set(str(found).replace("'", " ").split())


def test_the_progress_report_prints_as_one_html_document_with_its_tables_and_charts(api, done):
    media_type, text = report_as(api, "text/html", "progress", "ONDCP")
    assert media_type == "text/html; charset=utf-8"
    assert text.startswith("<!doctype html>") and text.endswith("</body></html>")
    assert "<h1>Semiannual progress report: cartels&#x27; use of covered services</h1>" in text
    sections = text.count("<section>")
    assert sections == len(report(api, "progress", "ONDCP").data["sections"])  # nothing is left uncounted
    assert text.count('class="pygal-chart"') == sections
    assert "<td>drugs_and_precursors</td><td>&lt;10</td>" in text
    assert "Not counted yet" not in text


def test_the_national_picture_lists_the_services_first_reported_in_the_period(api, pump):
    submitted = api.call("POST", "/v1/tips", "META", load_event("api/submit-tip.json"))
    assert submitted.status_code == 201, submitted.body
    pump.drain()
    services = section(report(api, "national", "ONDCP").data, "services", "firsts")
    first = {",".join(row["labels"].values()): row["shown"] for row in services["rows"]}
    month = f"{datetime.now(UTC):%Y-%m}"
    assert first and all(shown == f"first seen {month}" for shown in first.values())
    assert all(key.startswith("META,") for key in first)
    # The next period lists none of them: they were first reported before it.
    following = Period.parse(YEAR).year + 1
    assert section(report(api, "national", "ONDCP", f"{following}-H1").data, "services", "firsts")["rows"] == []


@pytest.mark.parametrize(
    "period",
    [
        "",
        "2026-13",
        "2026-Q5",
        "2026-H3",
        "2026-00",
        "\uff12\uff10\uff12\uff16",
        "2026-q1",
        "2026-11-01",
        "%00",
        "2026%0A",
    ],
)
def test_a_period_that_is_not_one_is_a_400_problem_naming_the_field(api, period):
    answered = api.call("GET", f"/v1/reports/national?period={period}", "ONDCP")
    assert answered.status_code == 400, answered.body
    assert answered.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in answered.body.decode()


@pytest.mark.parametrize(
    "accept", ["*/*", "text/*", "text/csv;q=0, application/json", "application/geo+json", ",,;", "TEXT/HTML; q=1"]
)
def test_any_accept_header_gets_a_report_never_a_500(api, accept):
    headers = {"Authorization": f"Bearer {ISSUER.token('ONDCP')}", "Accept": accept}
    answered = api.client.http.request("GET", f"/v1/reports/national?period={HALF}", headers=headers, body=b"")
    assert answered.status_code == 200, answered.body


@pytest.mark.parametrize(("org", "name"), [("META", "agency"), ("DEA", "transparency"), ("WBWATCH", "agency")])
def test_a_report_another_kind_reads_is_a_404_like_one_that_does_not_exist(api, org, name):
    claims = {"scope": "reports:read"}
    other = api.call("GET", f"/v1/reports/{name}?period={YEAR}", org, **claims)
    absent = api.call("GET", f"/v1/reports/nothing?period={YEAR}", org, **claims)
    assert (other.status_code, absent.status_code) in ((404, 404), (403, 403)), (other.body, absent.body)


def report_as_pdf(api, name: str, org: str, period: str | None = None) -> tuple[str, bytes]:
    """The report printed as PDF: its content type and its bytes."""
    period = period or (HALF if name in BY_HALF else YEAR)
    headers = {"Authorization": f"Bearer {ISSUER.token(org)}", "Accept": "application/pdf"}
    answered = api.client.http.request("GET", f"/v1/reports/{name}?period={period}", headers=headers, body=b"")
    assert answered.status_code == 200, answered.body
    return {name.lower(): value for name, value in answered.headers.items()}["content-type"], answered.body


def pdf_pages_and_text(document: bytes) -> tuple[int, list[str]]:
    """A PDF's page count (its page tree's `/Count`) and every string its content streams show
    (`(…) Tj`, unescaped), read from the streams, decompressed."""
    assert document.startswith(b"%PDF-") and document.rstrip().endswith(b"%%EOF")
    [tree] = [each for each in re.findall(rb"<<((?:(?!>>).)*)>>", document, re.S) if b"/Type /Pages" in each]
    [count] = re.findall(rb"/Count (\d+)", tree)
    assert len(re.findall(rb"\d+ 0 R", tree.split(b"/Kids", 1)[1].split(b"]", 1)[0])) == int(count)
    shown = []
    for stream in re.findall(rb"/Filter /FlateDecode[^>]*>>\s*stream\r?\n(.*?)\r?\nendstream", document, re.S):
        content = zlib.decompress(stream).decode("latin-1")
        for literal in re.findall(r"\(((?:\\.|[^\\)])*)\)\s*Tj", content):
            shown.append(re.sub(r"\\(.)", r"\1", literal))
    return int(count), shown


def test_the_progress_report_prints_as_one_pdf_with_each_sections_table_and_chart(api, done):
    media_type, document = report_as_pdf(api, "progress", "ONDCP")
    assert media_type == "application/pdf"
    pages, shown = pdf_pages_and_text(document)
    found = report(api, "progress", "ONDCP").data
    assert pages >= 2
    assert "Semiannual progress report: cartels' use of covered services" in shown
    preface = " ".join(shown[1:3])
    assert preface.startswith(f"{found['audience']}: {found['period']['starts']} to {found['period']['ends']}")
    assert "within 19% of the true time" in preface and "Counts under 10 are shown as <10." in preface
    for each in found["sections"]:
        # its title over its table, and again in its chart's title
        assert each["title"] in shown
        assert f"{each['title']} ({found['period']['name']})" in shown
    # the small cell: drugs and precursors' one tip, printed as under 10, and never its count
    at = shown.index("drugs_and_precursors")
    assert shown[at + 1] == "<10"
    assert "Not counted yet" not in shown  # the watch centers' figures are counted too


def test_a_platforms_transparency_report_as_pdf_holds_nothing_of_another_platform(api, done):
    _, meta = report_as_pdf(api, "transparency", "META")
    _, tiktok = report_as_pdf(api, "transparency", "TIKTOK")
    meta_shown, tiktok_shown = pdf_pages_and_text(meta)[1], pdf_pages_and_text(tiktok)[1]
    assert "subpoena" in meta_shown and meta_shown[meta_shown.index("subpoena") + 1] == "4"
    assert "TIKTOK" in " ".join(tiktok_shown) and "META" not in " ".join(tiktok_shown)
    assert "subpoena" not in tiktok_shown  # META's requests are META's: TIKTOK's tables are empty


@pytest.mark.parametrize("name", BY_HALF)
@pytest.mark.parametrize("period", [YEAR, f"{YEAR}-Q3", f"{YEAR}-10"])
def test_a_report_that_hides_small_cells_is_read_by_half_year_only(api, name, period):
    """A month hidden as <10 would be its quarter less the other two months: periods that overlap
    are not served, and halves do not."""
    answered = api.call("GET", f"/v1/reports/{name}?period={period}", "ONDCP")
    assert answered.status_code == 400, answered.body
    assert answered.data["errors"][0]["field"] == "period" and "a half" in answered.data["detail"]
    assert api.call("GET", f"/v1/reports/{name}?period={YEAR}-H1", "ONDCP").status_code == 200
