# The five-minute walkthrough: paste it into bash beside `make run`, at the repository's root, as
# often as you like (`make demo` runs it and says which step differs). `#=>` says what the line
# above prints: `*` any text within a line, `...` any lines.
if ! grep -qs '^token:' Makefile || [ ! -f scripts/demo.py ]; then
  echo "walkthrough: paste it at the root of the casebridge repository (where its Makefile is), beside make run"
elif DEA=$(make -s token ORG=DEA); then   # if the stack is not running, make token says so and nothing runs
HSI=$(make -s token ORG=HSI); API=http://127.0.0.1:${PORT:-8000}
# A run of its own: RUN goes into the idempotency keys, the platforms' references and the
# identifiers (`sample` is events/api/NAME.json with them), SINCE keeps this run's notifications
RUN=$(python3 -c 'import secrets; print(f"{secrets.randbelow(10**5):05d}")')
SINCE=$(python3 -c 'import time; print(time.time())')
sample() { python3 -m scripts.demo sample $RUN "$@"; }
only() { python3 -m scripts.demo only "$@"; }   # a list page with this run's item only

# DEA opens a case (minimal body: {"title": "..."}; everything else has defaults)
CASE=$(curl -s -X POST $API/v1/cases -H "Authorization: Bearer $DEA" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$RUN" \
  -d @events/api/open-case.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["case_id"])')

# DEA refers it to HSI
REF=$(curl -s -X POST $API/v1/cases/$CASE/referrals -H "Authorization: Bearer $DEA" \
  -H 'Content-Type: application/json' -d '{"to_org": "HSI", "reason": "Border nexus", "priority": "urgent"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["referral_id"])')

curl -s $API/v1/cases/$CASE -H "Authorization: Bearer $HSI"; echo          # not HSI's yet
#=> {"type": "https://casebridge.dev/problems/not-found", "title": "Not found", "status": 404, *}
make -s settle; curl -s "$API/v1/referrals?box=inbound&status=pending" -H "Authorization: Bearer $HSI" | only referral_id $REF
#=> {"items":[{"referral_id":"ref_*","case_title":"Counterfeit M30 vendor shipping by mail","tlp":"AMBER","from_org":"DEA","to_org":"HSI",*"status":"pending",*}],"next_cursor":null}
curl -s -X POST $API/v1/referrals/$REF/accept -H "Authorization: Bearer $HSI"; echo
#=> {"referral_id":"ref_*","to_org":"HSI","status":"accepted",*}
curl -s -i $API/v1/cases/$CASE -H "Authorization: Bearer $HSI"; echo
#=> HTTP/1.1 200 OK
#=> ...
#=> ETag: "v2"
#=> ...

make notifications ORG=HSI SINCE=$SINCE   # references, never content: fetch the links with your token
#=> {"detail-type":"Referral Created",*"priority":"urgent","tlp":"AMBER",*"recipients":["DEA","HSI"],*}
#=> {"detail-type":"Referral Accepted",*}
make notifications ORG=DEA SINCE=$SINCE
#=> {"detail-type":"Case Opened",*}
#=> {"detail-type":"Referral Created",*}
#=> {"detail-type":"Referral Accepted",*}
curl -s $API/v1/cases/$CASE/audit -H "Authorization: Bearer $DEA"; echo   # who did what, HSI's refused read too
#=> {"items":[*"event":"case.read",*"org":"HSI","outcome":"failure",*}

# deconfliction: DEA puts identifiers on its case; ATF, working the same target, adds them too
ATF=$(make -s token ORG=ATF)
sample add-identifiers | curl -s -X POST $API/v1/cases/$CASE/identifiers -H "Authorization: Bearer $DEA" \
  -H 'Content-Type: application/json' -d @-; echo
#=> {"hits":[],"related_cases":[],"truncated":false,"case_id":"case_*","identifiers":[*]}
ATF_CASE=$(curl -s -X POST $API/v1/cases -H "Authorization: Bearer $ATF" -H 'Content-Type: application/json' \
  -d '{"title": "Pill press buyer"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["case_id"])')
sample add-identifiers | curl -s -X POST $API/v1/cases/$ATF_CASE/identifiers -H "Authorization: Bearer $ATF" \
  -H 'Content-Type: application/json' -d @-; echo   # DEA holds them: whom to call
#=> {"hits":[{"identifier":{"type":"phone",*},"org":"DEA","contact":{"name":"Duty agent DEA",*}},*]*}
# (once ATF has matched 20 of DEA's identifiers within the hour, DEA is told it is being probed too)
make notifications ORG=DEA SINCE=$SINCE   # a hit for each identifier: fetch /v1/deconfliction/hits/… for ATF's contact
#=> ...
#=> {"detail-type":"Identifier Added",*}
#=> {"detail-type":"Identifier Added",*}
#=> {"detail-type":"Identifier Added",*}
#=> {"detail-type":"Deconfliction Hit",*"organisations":{"holder":"DEA","other":"ATF"},*}
#=> {"detail-type":"Deconfliction Hit",*"organisations":{"holder":"DEA","other":"ATF"},*}
#=> {"detail-type":"Deconfliction Hit",*"organisations":{"holder":"DEA","other":"ATF"},*}
#=> ...

# both plan a controlled buy at the same place and time: ATF's answer lists DEA's on-scene contact
for pair in "$DEA $CASE" "$ATF $ATF_CASE"; do set -- $pair
  sample register-operation case_id=$2 | curl -s -X POST $API/v1/operations -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d @-; echo
done
#=> {"operation":{*"org":"DEA","kind":"controlled_buy",*},"conflicts":[]}
#=> {"operation":{*"org":"ATF","kind":"controlled_buy",*},"conflicts":[{"org":"DEA","contact":{"name":"SA Rivera",*}*]}
make notifications ORG=ATF SINCE=$SINCE   # and, as WBWATCH watches DEA and ATF, the watch floor's Conflict Opened
#=> ...
#=> {"detail-type":"Operation Planned",*}
#=> {"detail-type":"Operation Conflict",*"urgent":true,*}
#=> ...

# a platform reports the same vendor: the tip goes to DEA, which holds the Instagram account @plug.nyc
META=$(make -s token ORG=META)
TIP=$(sample submit-tip | curl -s -X POST $API/v1/tips -H "Authorization: Bearer $META" \
  -H 'Content-Type: application/json' -d @- | python3 -c 'import json,sys; print(json.load(sys.stdin)["tip_id"])')
make -s settle; curl -s $API/v1/tips/$TIP -H "Authorization: Bearer $META"; echo   # status only, never whom
#=> {"tip_id":"tip_*","platform_reference":"IG-2026-*","status":"routed",*"routed_to":null}
curl -s "$API/v1/tips?status=new" -H "Authorization: Bearer $DEA" | only tip_id $TIP
#=> {"items":[{"tip_id":"tip_*","platform":"META",*"route":{"rule":"deconfliction","reason":"1 reported identifier already held on case case_*","matched_case_id":"case_*"},*}],"next_cursor":null}
curl -s -X POST $API/v1/tips/$TIP/link -H "Authorization: Bearer $DEA" -H 'Content-Type: application/json' \
  -d "{\"case_id\": \"$CASE\"}"; echo
#=> {"tip_id":"tip_*","status":"linked","case_id":"case_*","routed_to":"DEA",*}

# DEA asks Meta to preserve the accounts; Meta reads the request and acknowledges it
PRES=$(sample request-preservation | curl -s -X POST $API/v1/cases/$CASE/preservations \
  -H "Authorization: Bearer $DEA" -H 'Content-Type: application/json' -d @- \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["preservation_id"])')
curl -s "$API/v1/preservations?status=requested" -H "Authorization: Bearer $META" | only preservation_id $PRES   # no case id, no title
#=> {"items":[{"preservation_id":"pres_*","platform":"META","requester":"DEA","contact":{"name":"Duty agent DEA",*"status":"requested",*}],"next_cursor":null}
curl -s -X POST $API/v1/preservations/$PRES/acknowledge -H "Authorization: Bearer $META" \
  -H 'Content-Type: application/json' -d "{\"platform_reference\": \"LE-2026-$RUN\"}"; echo
#=> {"preservation_id":"pres_*"status":"acknowledged","platform_reference":"LE-2026-*",*}
make notifications ORG=META SINCE=$SINCE   # 90 days from now
#=> {"detail-type":"Preservation Requested",*"organisations":{"requester":"DEA","platform":"META"},*}
#=> {"detail-type":"Preservation Acknowledged",*}

# DEA serves a grand-jury subpoena for the subscriber records; Meta acknowledges and answers it
LEGAL=$(sample serve-subpoena | curl -s -X POST $API/v1/cases/$CASE/legal-requests \
  -H "Authorization: Bearer $DEA" -H 'Content-Type: application/json' -d @- \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["request_id"])')
curl -s -X POST $API/v1/legal-requests/$LEGAL/acknowledge -H "Authorization: Bearer $META" \
  -H 'Content-Type: application/json' -d "{\"platform_reference\": \"LERS-2026-$RUN\"}"; echo   # no case id
#=> {"request_id":"legal_*","platform":"META","requester":"DEA","kind":"subpoena",*"status":"acknowledged",*"case_id":null,"requester_id":"per_*","requester_assurance":"phishing_resistant",*}
curl -s -X POST $API/v1/legal-requests/$LEGAL/answer -H "Authorization: Bearer $META" \
  -H 'Content-Type: application/json' -d '{"outcome": "produced"}'; echo
#=> {"request_id":"legal_*",*"status":"answered",*"answer":{"outcome":"produced",*}
make notifications ORG=DEA SINCE=$SINCE
#=> ...
#=> {"detail-type":"Legal Request Sent",*"kind":"subpoena",*}
#=> {"detail-type":"Legal Request Acknowledged",*}
#=> {"detail-type":"Legal Request Answered",*"outcome":"produced",*}

# a teenager bought pills from the vendor an hour ago: DEA's officer asks Meta for an emergency
# disclosure; Meta cannot see it until a second person of DEA approves it
EMER=$(sample ask-emergency-request | curl -s -X POST $API/v1/cases/$CASE/emergency-requests \
  -H "Authorization: Bearer $DEA" -H 'Content-Type: application/json' -d @- \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["request_id"])')
curl -s -o /dev/null -w '%{http_code}\n' $API/v1/emergency-requests/$EMER -H "Authorization: Bearer $META"
#=> 404
SUPERVISOR=$(make -s token ORG=DEA SUB=supervisor.dea@example.gov SCOPE="cases:read emergency:approve")
curl -s -X POST $API/v1/emergency-requests/$EMER/approve -H "Authorization: Bearer $SUPERVISOR" \
  -H 'Content-Type: application/json' -d '{}' > /dev/null
curl -s "$API/v1/emergency-requests?status=approved" -H "Authorization: Bearer $META" | only request_id $EMER   # who asked, who approved, DEA's 24/7 line
#=> {"items":[{"request_id":"emer_*","platform":"META","requester":"DEA",*"requested_by":{"issuer":"https://agencies.casebridge.local","subject":"agent.dea@example.gov",*},*"approved_by":{*"subject":"supervisor.dea@example.gov",*},*"verification_line":"+12025550101",*"case_id":null,*"approver_assurance":"phishing_resistant",*}],"next_cursor":null}
curl -s -X POST $API/v1/emergency-requests/$EMER/acknowledge -H "Authorization: Bearer $META" \
  -H 'Content-Type: application/json' -d '{}' > /dev/null
curl -s -X POST $API/v1/emergency-requests/$EMER/answer -H "Authorization: Bearer $META" \
  -H 'Content-Type: application/json' -d '{"outcome": "disclosed"}'; echo
#=> {"request_id":"emer_*",*"status":"answered",*"answer":{"outcome":"disclosed",*"legal_process_due_at":"*",*}
make notifications ORG=META SINCE=$SINCE
#=> ...
#=> {"detail-type":"Emergency Request",*"urgent":true,*}
#=> {"detail-type":"Emergency Request Acknowledged",*}
#=> {"detail-type":"Emergency Request Answered",*"outcome":"disclosed",*}
fi
