"""A platform's transparency report for a half year: its figures, then as CSV and as an SVG chart.

Beside `make run`: `export CASEBRIDGE_TOKEN=$(make -s token ORG=META)`, then
`python transparency_report.py 2026-H2`. CASEBRIDGE_URL names another API than the local stack's.
"""

import os
import sys

from casebridge_client import Casebridge
from casebridge_client.generated.api.reports import read_report

url = os.environ.get("CASEBRIDGE_URL", "http://127.0.0.1:8000")
period = sys.argv[1] if len(sys.argv) > 1 else "2026-H2"
with Casebridge(url, token=lambda: os.environ["CASEBRIDGE_TOKEN"]) as cb:
    report = cb.call(read_report, report="transparency", period=period)
    print(report.title, report.period.name)
    for section in report.sections:
        for row in section.rows:
            labels = ", ".join(f"{name}={value}" for name, value in row.labels.additional_properties.items())
            print(f"  {section.title}: {labels or 'all'}: {row.shown}")
    # The same figures as a spreadsheet and as a picture: ask for them with Accept.
    for media_type, name in (("text/csv", "transparency.csv"), ("image/svg+xml", "transparency.svg")):
        answer = cb.http.get(f"/v1/reports/transparency?period={period}", headers={"Accept": media_type})
        answer.raise_for_status()
        with open(name, "w", encoding="utf-8") as file:
            file.write(answer.text)
        print("wrote", name, answer.headers["content-type"])
