#!/usr/bin/env bash
# The one developer entry point. Usage: ./dev.sh <command> [args]
#   setup            install what is missing (redis-server, Azurite, NuGet packages) and build
#   test             setup, then run every test tier (unit, integration, end-to-end)
#   bench <name> ..  run a benchmark: crypto
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
configuration=Release

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_redis() {
  command -v redis-server >/dev/null && return
  log "installing redis-server (Debian package)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
}

install_azurite() {
  [ -x dev/node_modules/.bin/azurite ] && return
  log "installing Azurite (npm)"
  npm ci --prefix dev --no-audit --no-fund --loglevel=error >/dev/null
}

build() {
  log "building ($configuration)"
  dotnet build CmkFunctions.sln -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
}

cmd_setup() {
  install_redis
  install_azurite
  build
}

cmd_test() {
  cmd_setup
  log "running tests"
  dotnet test CmkFunctions.sln -c "$configuration" --no-build --nologo -v quiet \
    --logger "console;verbosity=normal" "$@"
}

cmd_bench() {
  local name=${1:?usage: ./dev.sh bench <crypto>}; shift || true
  dotnet build bench/CmkFunctions.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
  dotnet bench/CmkFunctions.Bench/bin/Release/net10.0/CmkFunctions.Bench.dll "$name" "$@"
}

command=${1:-}
shift || true
case "$command" in
  setup) cmd_setup "$@" ;;
  test) cmd_test "$@" ;;
  bench) cmd_bench "$@" ;;
  *) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
