#!/usr/bin/env bash
# The one test command: makes sure a local RabbitMQ runs (installing it on Debian when missing), builds the
# solution once, runs every test project, and prints one summary line.
#   tools/test.sh                     # Debug build
#   CONFIGURATION=Release tools/test.sh
#   tools/test.sh --filter "FullyQualifiedName~Hosting"   # extra arguments go to dotnet test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONFIGURATION="${CONFIGURATION:-Debug}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# rabbitmq-server and its tools live in sbin, which a non-login shell may not have on its PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

rabbitmq_answers() {
  rabbitmq-diagnostics -q ping >/dev/null 2>&1
}

ensure_rabbitmq() {
  case "${RABBITMQ_HOST:-localhost}" in
    localhost | 127.0.0.1) ;;
    *) echo "==> using the RabbitMQ at ${RABBITMQ_HOST}"; return 0 ;;
  esac

  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    echo "==> installing rabbitmq-server"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q rabbitmq-server
  fi

  if ! rabbitmq_answers; then
    echo "==> starting rabbitmq-server"
    as_root rabbitmq-server -detached || true
  fi

  local deadline=$((SECONDS + 60))
  until rabbitmq_answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "RabbitMQ did not answer 'rabbitmq-diagnostics -q ping' within 60 s" >&2
      return 1
    fi
    sleep 2
  done
  echo "==> rabbitmq is up"
}

ensure_rabbitmq

echo "==> building Connector.sln ($CONFIGURATION)"
dotnet build Connector.sln -c "$CONFIGURATION" -nologo -v:minimal

echo "==> testing"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test Connector.sln -c "$CONFIGURATION" --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Each test assembly ends with "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."; add them up.
read -r passed failed skipped assemblies < <(
  sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\3 \2 \4/p' "$log" |
    awk '{ p += $1; f += $2; s += $3; n++ } END { printf "%d %d %d %d\n", p, f, s, n }'
)

echo
echo "==> $assemblies test assemblies"
echo "Tests: $passed passed, $failed failed, $skipped skipped"

if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
