#!/usr/bin/env bash
# The fuzz gate (make fuzz, called by .ci/run): schemathesis, pinned, in its own virtual environment,
# against bike-api started here on a free loopback port with a model trained into a temporary
# directory. Every operation of the OpenAPI document, a fixed seed and no example database (the
# same cases every run), a bounded time; the checks
# are that no request gets a 5xx, and that every answer has a documented status, content type and
# body schema. Any failure fails the gate. The service is stopped on exit, whatever happens.
#
#   scripts/fuzz/run.sh              FUZZ_SECONDS (default 90), FUZZ_SEED, FUZZ_VENV to override
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS_VERSION=4.32.5
VENV=$(realpath -m "${FUZZ_VENV:-.venv-fuzz}")
FUZZ_SECONDS=${FUZZ_SECONDS:-90}
FUZZ_SEED=${FUZZ_SEED:-20261127}
DATASET_ZIP=${BIKE_SHARING_ZIP:-../shared/data/bike-sharing-dataset.zip}
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
export PATH="$PWD/node_modules/.bin:$PATH"

if [ "$("$VENV/bin/st" --version 2>/dev/null || true)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  echo "Installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# Exit status 0 when the URL answers 2xx: GET, or POST of the JSON file given second.
http_ok() {
  python3 - "$@" <<'PY'
import sys, urllib.request
body = open(sys.argv[2], 'rb').read() if len(sys.argv) > 2 else None
request = urllib.request.Request(sys.argv[1], data=body, headers={'content-type': 'application/json'})
try:
    urllib.request.urlopen(request, timeout=120).read()
except Exception:
    sys.exit(1)
PY
}

work=$(mktemp -d)
service_pid=
stop() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill -TERM "$service_pid" && wait "$service_pid" || true
  fi
  rm -rf "$work"
}
trap stop EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# A 20-tree model trains in a few seconds; /trigger-drift enabled, so that its 200 is fuzzed too.
HOST=127.0.0.1 PORT=$port MODEL_PATH="$work/model.json" BIKE_SHARING_ZIP="$DATASET_ZIP" N_ESTIMATORS=20 \
  ENABLE_TRIGGER_DRIFT=true LOG_LEVEL=warn node --import tsx src/api/server.ts >"$work/service.log" 2>&1 &
service_pid=$!

for _ in $(seq 1 240); do
  if http_ok "$url/ready"; then break; fi
  if ! kill -0 "$service_pid" 2>/dev/null; then echo "bike-api did not start:"; cat "$work/service.log"; exit 1; fi
  sleep 0.5
done
http_ok "$url/ready" || { echo "bike-api not ready after 120 s:"; cat "$work/service.log"; exit 1; }

# The first evaluation starts the two evaluation workers (seconds under tsx on a busy machine):
# done here, so that the fuzzer's 30-second request timeout measures the service, not its warm-up.
http_ok "$url/evaluate" test/fixtures/brief-client/week1_february.json || { echo "the warm-up evaluation failed:"; cat "$work/service.log"; exit 1; }

echo "Fuzzing $url (OpenAPI document /docs/json) for at most ${FUZZ_SECONDS}s, seed $FUZZ_SEED"
status=0
# Run from the temporary directory: schemathesis writes a .schemathesis/ cache where it runs.
(cd "$work" && "$VENV/bin/st" run "$url/docs/json" \
  --checks "$CHECKS" \
  --seed "$FUZZ_SEED" \
  --generation-database none \
  --max-time "$FUZZ_SECONDS" \
  --workers 1 \
  --request-timeout 30 \
  --report junit --report-dir "$work/report" \
  --no-color) || status=$?
if grep -q '"level":50' "$work/service.log"; then
  echo "bike-api logged errors while fuzzed:"; grep '"level":50' "$work/service.log" | head -20; status=1
fi
exit "$status"
