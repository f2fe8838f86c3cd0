# shellcheck shell=bash
# Makes sure a local RabbitMQ runs: installs rabbitmq-server with apt when missing (Debian/Ubuntu), starts it, and
# waits until it answers. Sourced by tools/test.sh and tools/quickstart.sh; call `ensure_rabbitmq`.
# A RABBITMQ_HOST other than localhost/127.0.0.1 means a broker elsewhere: nothing is installed or started.

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
