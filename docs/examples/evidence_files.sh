# Evidence files: declare one on a case, PUT its bytes to the presigned URL, download them back.
# Beside `make run`, at the repository's root; `#=>` says what the line above prints, as in the walkthrough.
DEA=$(make -s token ORG=DEA); API=http://127.0.0.1:${PORT:-8000}; WORK=$(mktemp -d)
CASE=$(curl -s -X POST $API/v1/cases -H "Authorization: Bearer $DEA" -H 'Content-Type: application/json' \
  -d '{"title": "Ledger found at a stash house"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["case_id"])')
printf 'M30 x 400, Tucson, paid by CashApp\n' > $WORK/ledger.txt
SHA=$(sha256sum $WORK/ledger.txt | cut -d' ' -f1); SIZE=$(stat -c%s $WORK/ledger.txt)

# declare it: the answer carries the upload URL and the headers it signed (media type, length, SHA-256)
curl -s -X POST $API/v1/cases/$CASE/files -H "Authorization: Bearer $DEA" -H 'Content-Type: application/json' \
  -d "{\"name\": \"ledger.txt\", \"media_type\": \"text/plain\", \"size\": $SIZE, \"sha256\": \"$SHA\"}" > $WORK/declared.json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["file"]["status"], d["upload"]["method"], *sorted(d["upload"]["headers"]))' $WORK/declared.json
#=> pending_upload PUT Content-Length Content-Type x-amz-checksum-sha256 x-amz-sdk-checksum-algorithm
FILE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["file"]["file_id"])' $WORK/declared.json)

# the bytes go straight to the bucket, with exactly the headers the URL signed (as a curl config file)
python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["upload"]; print("url = \"%s\"" % u["url"]); [print("header = \"%s: %s\"" % h) for h in u["headers"].items()]' \
  $WORK/declared.json > $WORK/upload.curl
curl -s -o /dev/null -w '%{http_code}\n' -X PUT -T $WORK/ledger.txt -K $WORK/upload.curl
#=> 200

# what arrived is checked against the declared SHA-256 before anyone may download it: wait for that
for _ in $(seq 60); do curl -s $API/v1/files/$FILE -H "Authorization: Bearer $DEA" | grep -q '"status":"available"' && break; sleep 0.5; done
curl -s $API/v1/files/$FILE -H "Authorization: Bearer $DEA"; echo
#=> {"file_id":"file_*","case_id":"case_*",*"status":"available",*}

# a download is a 303 to a presigned GET of the checked version, valid for 5 minutes
curl -s -o /dev/null -w '%{http_code}\n' $API/v1/files/$FILE/content -H "Authorization: Bearer $DEA"
#=> 303
curl -s -o $WORK/downloaded.txt "$(curl -s -o /dev/null -w '%{redirect_url}' $API/v1/files/$FILE/content -H "Authorization: Bearer $DEA")"
sha256sum $WORK/downloaded.txt | cut -d' ' -f1 | grep -qx $SHA && echo "the bytes declared, verified"
#=> the bytes declared, verified
