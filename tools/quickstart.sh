#!/usr/bin/env bash
# The quick start: the whole pipeline on this machine, against the Falcon and OpenCTI simulators.
#   tools/quickstart.sh                          # 10,000 indicators, 2 live changes per second after the sync
#   tools/quickstart.sh --indicators 50000 --live-rate 0
# Makes sure a local RabbitMQ runs (installing rabbitmq-server with apt when missing), builds the simulators and the
# three services (Release), then runs `tools/bench quickstart`: initial sync with live progress, a summary, then the
# live stream followed until Ctrl-C, which stops every process it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed (https://dot.net): 'dotnet' is not on the PATH." >&2
  exit 1
fi

# shellcheck source=lib/rabbitmq.sh
source tools/lib/rabbitmq.sh
ensure_rabbitmq

echo "==> building and starting the quick start (first build takes a few minutes)"
exec dotnet run -c Release --project tools/bench -- quickstart "$@"
