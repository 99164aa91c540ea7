# Two organisations side by side from one terminal, a profile each; a file uploaded with --wait.
# Beside `make run`, at the repository's root; `#=>` says what the line above prints, as in the walkthrough.
export PATH="$PWD/.venv/bin:$PATH"; WORK=$(mktemp -d)
id_of() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
casebridge --profile dea login --local --org DEA
#=> logged in to http://127.0.0.1:* as profile dea (DEA)
casebridge --profile hsi login --local --org HSI
#=> logged in to http://127.0.0.1:* as profile hsi (HSI)
casebridge profiles --json | python3 -c 'import json,sys; [print(p["profile"], p["org"]) for p in json.load(sys.stdin)]'
#=> dea DEA
#=> hsi HSI

# DEA's case is not HSI's to see (exit 6: not found, or not visible to you) until HSI accepts a referral
CASE=$(casebridge --profile dea cases open "Border pills" --json | id_of case_id)
casebridge --profile hsi cases show $CASE 2>/dev/null || echo "exit $?"
#=> exit 6
REF=$(casebridge --profile dea referrals refer $CASE --to HSI --reason "Border nexus" --json | id_of referral_id)
CASEBRIDGE_PROFILE=hsi casebridge referrals accept $REF --json | id_of status
#=> accepted

# --wait: the upload returns once the API has checked the file, so a download right after works
printf 'pill shipments, by week\n' > $WORK/ledger.txt
FILE=$(casebridge --profile dea files upload $CASE $WORK/ledger.txt --wait --json | id_of file_id)
casebridge --profile hsi files download $FILE $WORK/copy.txt 2>/dev/null
#=> */copy.txt (24 bytes, SHA-256 verified)

# a stopped stack or a wrong address: one line on stderr and exit 3, never a traceback
CASEBRIDGE_URL=http://127.0.0.1:9 CASEBRIDGE_TOKEN=none casebridge cases list 2>&1 || echo "exit $?"
#=> casebridge: cannot reach http://127.0.0.1:9: [Errno 111] Connection refused (is the stack running, `make run`? is the address right?)
#=> exit 3
