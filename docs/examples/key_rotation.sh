# A dev identity provider rotates its key while `make run` runs: nothing is restarted.
# Beside `make run`, at the repository's root; `#=>` says what the line above prints, as in the walkthrough.
API=http://127.0.0.1:${PORT:-8000}
status() { curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $1" $API/v1/cases; }
kid() { python3 -c 'import jwt,sys; print(jwt.get_unverified_header(sys.argv[1])["kid"])' "$1"; }
published() { curl -s $API/dev/issuers/agencies/jwks.json | python3 -c 'import json,sys; print(*[k["kid"] for k in json.load(sys.stdin)["keys"]])'; }
export PATH="$PWD/.venv/bin:$PATH"

# a token signed with the agencies' provider's current key
BEFORE=$(make -s token ORG=DEA); status $BEFORE
#=> 200

# a new key pair, with a new kid; the old public key stays published beside it
make -s rotate-key ISSUER=agencies
#=> agencies: signs with dev-rs256-* from now on; dev-rs256-* stays published for the tokens it signed
#=>   published at /dev/issuers/agencies/jwks.json on the local server; no restart needed
AFTER=$(make -s token ORG=DEA)
published | grep -c "^$(kid $AFTER) $(kid $BEFORE)"
#=> 1

# the new kid is unknown to the API's cache: it fetches the set again and believes the token; the old one too
status $AFTER
#=> 200
status $BEFORE
#=> 200
