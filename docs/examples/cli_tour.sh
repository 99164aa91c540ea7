# The `casebridge` command line against `make run`, at the repository's root: each organisation is
# a token in CASEBRIDGE_TOKEN (`casebridge login` keeps one in a config file instead).
export PATH="$PWD/.venv/bin:$PATH" CASEBRIDGE_URL=http://127.0.0.1:${PORT:-8000}; WORK=$(mktemp -d)
as() { local org=$1; shift; CASEBRIDGE_TOKEN=$(make -s token ORG=$org) casebridge "$@"; }
id_of() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

# cases and referrals: --json for scripts, a table for people
CASE=$(as DEA cases open "Counterfeit M30 vendor" --json | id_of case_id)
as DEA cases list
as DEA cases note $CASE "Seen at San Ysidro"; as DEA cases notes $CASE; as DEA cases audit $CASE
REF=$(as DEA referrals refer $CASE --to HSI --reason "Border nexus" --priority urgent --json | id_of referral_id)
make -s settle; as HSI referrals inbox --status pending; as HSI referrals accept $REF

# deconfliction: identifiers from a file or the command line; a check keeps nothing
as DEA identifiers add $CASE --file events/api/add-identifiers.json
ATF_CASE=$(as ATF cases open "Pill press buyer" --json | id_of case_id)
as ATF identifiers add $ATF_CASE phone=+12025550143 social_handle:INSTAGRAM=@plug.nyc   # prints who else holds them
as USPIS identifiers check "phone=(202) 555-0143"
make -s settle; as DEA hits list; as ATF conflicts list
as DEA operations register $CASE --file events/api/register-operation.json   # prints the clashes

# tips from a platform, triaged by the agency they reach; a preservation request to the platform
TIP=$(as META tips submit --file events/api/submit-tip.json --json | id_of tip_id)
make -s settle; as DEA tips inbox --status new; as DEA tips link $TIP --case $CASE
as DEA preservations request $CASE --platform META --account INSTAGRAM:@plug.nyc

# legal process, an emergency request (a second person approves), evidence files, the feed
LEGAL=$(as DEA legal serve $CASE --file events/api/serve-subpoena.json --json | id_of request_id)
as META legal acknowledge $LEGAL --reference LERS-2026-7781
EMER=$(as DEA emergency ask $CASE --file events/api/ask-emergency-request.json --json | id_of request_id)
CASEBRIDGE_TOKEN=$(make -s token ORG=DEA SUB=supervisor.dea@example.gov SCOPE="cases:read emergency:approve") \
  casebridge emergency approve $EMER
printf 'pill shipments, by week\n' > $WORK/ledger.txt
FILE=$(as DEA files upload $CASE $WORK/ledger.txt --wait --json | id_of file_id)   # SHA-256 checked; --wait: until available
as HSI files download $FILE $WORK/ledger-copy.txt   # refused and removed if the hash differs
as DEA events tail --no-follow   # the feed, as JSON lines
as DEA call readCase case_id=$CASE   # any operation by its id
