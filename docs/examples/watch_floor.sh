# The watch floor's day, with the `casebridge` command line beside `make run`, at the repository's root.
# WBWATCH (the seed's watch center) serves DEA and ATF; `#=>` says what the line above prints.
export PATH="$PWD/.venv/bin:$PATH" CASEBRIDGE_URL=http://127.0.0.1:${PORT:-8000}
as() { local org=$1; shift; CASEBRIDGE_TOKEN=$(make -s token ORG=$org) casebridge "$@"; }
id_of() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(*[d[k] for k in sys.argv[1:]])" "$@"; }
START=$(date -u -d '+3 hours' +%Y-%m-%dT%H:00:00Z); END=$(date -u -d '+4 hours' +%Y-%m-%dT%H:00:00Z)
buy() { python3 -c "import json,sys; b=json.load(open('events/api/register-operation.json')); \
b.update(starts_at='$START', ends_at='$END'); print(json.dumps(b))"; }

# DEA and ATF plan controlled buys at the same corner tonight: the floor gets an urgent Conflict Opened
DEA_CASE=$(as DEA cases open "M30 vendor, U Street" --json | id_of case_id)
ATF_CASE=$(as ATF cases open "Straw purchases, U Street" --json | id_of case_id)
buy | as DEA operations register $DEA_CASE --file - --json > /dev/null
buy | as ATF operations register $ATF_CASE --file - --json > /dev/null
make -s settle
CONFLICT=$(as WBWATCH conflicts list --floor --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["conflict_id"])')
as WBWATCH conflicts show $CONFLICT | field state center
#=> open WBWATCH

# the duty officer takes it; a second taker is refused; the owner tells both officers of each other
as WBWATCH conflicts own $CONFLICT --json | field state owned_by_name
#=> owned Duty agent WBWATCH
CASEBRIDGE_TOKEN=$(make -s token ORG=WBWATCH SUB=supervisor.wbwatch@example.gov) casebridge conflicts own $CONFLICT \
  > /dev/null 2>&1 || echo "refused: someone has it"
#=> refused: someone has it
as WBWATCH conflicts notify $CONFLICT --json | field state
#=> notified

# each officer sees who owns the conflict, calls the other side and says so
as DEA conflicts show $CONFLICT | field center owned_by_name
#=> WBWATCH Duty agent WBWATCH
as DEA conflicts contact $CONFLICT --json | field state
#=> notified
as ATF conflicts contact $CONFLICT --json | field state
#=> contacted

# the outcome, in writing; the floor's list keeps the open work only
as WBWATCH conflicts resolve $CONFLICT --outcome joint --note "One team; DEA leads the entry" --json | field state outcome
#=> resolved joint
as WBWATCH conflicts list --state resolved --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
#=> 1
