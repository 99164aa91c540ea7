"""Open a case and list your agency's cases with the Python client.

Beside `make run`: `export CASEBRIDGE_TOKEN=$(make -s token ORG=DEA)`, then `python client_quickstart.py`.
CASEBRIDGE_URL names another API than the local stack's.
"""

import os

from casebridge_client import Casebridge
from casebridge_client.generated.api.cases import list_cases, open_case
from casebridge_client.generated.models import CaseCreate

url = os.environ.get("CASEBRIDGE_URL", "http://127.0.0.1:8000")
# A function is asked for the token on every request, so a long job can refresh it.
with Casebridge(url, token=lambda: os.environ["CASEBRIDGE_TOKEN"]) as cb:
    case = cb.call(open_case, body=CaseCreate(title="Counterfeit M30 vendor"))
    print("opened", case.case_id)
    for found in cb.pages(list_cases, limit=50):
        print(found.case_id, found.title)
