#!/usr/bin/env bash
# The one test command: makes sure a local RabbitMQ and PostgreSQL run (installing them on Debian when missing),
# builds the solution once, runs every test project, and prints one summary line.
#   tools/test.sh                     # Debug build
#   CONFIGURATION=Release tools/test.sh
#   tools/test.sh --filter "FullyQualifiedName~Hosting"   # extra arguments go to dotnet test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONFIGURATION="${CONFIGURATION:-Debug}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# shellcheck source=lib/rabbitmq.sh
source tools/lib/rabbitmq.sh
# shellcheck source=lib/postgresql.sh
source tools/lib/postgresql.sh

ensure_rabbitmq
ensure_postgresql

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
