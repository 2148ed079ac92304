#!/usr/bin/env bash
# The one developer entry point. Usage: ./dev.sh <command> [args]
#   setup            install what is missing (Azurite, NuGet packages) and build
#   up               start Azurite (blob, queue, table) and the local Key Vault in the background; write .dev/env
#   run              as up, then build and run the service host in the foreground (Ctrl-C stops it)
#   down             stop what `up` started
#   test             setup, then run every test tier (unit, integration, end-to-end)
#   bench <name> ..  run a benchmark, which ends with one result line: crypto, provision, create N, rotate N [--fresh];
#                    bench report [names..] runs them all (or those named, e.g. "rotate 1000") and writes docs/benchmarks.md
#   cmk <args> ..    build and run the cmk command line (with .dev/env's endpoints and identities), e.g. ./dev.sh cmk resource list
set -euo pipefail
# cmk resolves the files it is given (--file, --body @...) from where it was called.
invocation_dir=$PWD
cd "$(dirname "$0")"
root=$(pwd)
configuration=Release
dev_dir=$root/.dev
azurite_port=10000
# The API's application id URI: the audience its bearer tokens carry.
api_audience=api://cmkfunctions
keyvault_tool=src/CmkFunctions.LocalKeyVault/bin/$configuration/net10.0/CmkFunctions.LocalKeyVault.dll
# Azurite's published development account key (not a secret).
azurite_connection_string="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((azurite_port + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((azurite_port + 2))/devstoreaccount1;"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the emulators of dev/package-lock.json, again whenever the lock file changed since the last install.
install_azurite() {
  [ -x dev/node_modules/.bin/azurite ] && [ dev/node_modules/.package-lock.json -nt dev/package-lock.json ] && return
  log "installing Azurite (npm)"
  npm ci --prefix dev --no-audit --no-fund --loglevel=error >/dev/null
}

build() {
  log "building ($configuration)"
  dotnet build CmkFunctions.sln -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
}

# The README walkthrough's tools.
install_tools() {
  command -v curl >/dev/null && command -v jq >/dev/null && return
  log "installing curl and jq (apt)"
  as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq curl jq >/dev/null
}

# The browser the page's tests drive (Playwright launches it by path and never downloads one).
install_chromium() {
  command -v chromium >/dev/null && return
  log "installing chromium (apt)"
  as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq chromium >/dev/null
}

cmd_setup() {
  install_tools
  install_chromium
  install_azurite
  build
}

# is_running PIDFILE PATTERN: the pid file names a live process whose command line contains PATTERN
# (a stale pid reused by another program does not count).
is_running() {
  local pid
  [ -f "$1" ] && pid=$(cat "$1") && [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# wait_until DESCRIPTION SECONDS LOG PID COMMAND..: poll COMMAND until it succeeds; when it times out, or
# process PID (- for none) exits first, show LOG's tail and fail.
wait_until() {
  local description=$1 seconds=$2 log_file=$3 pid=$4; shift 4
  local deadline=$((SECONDS + seconds)) problem=
  until "$@" 2>/dev/null; do
    if [ "$pid" != - ] && ! kill -0 "$pid" 2>/dev/null; then problem="exited during start"
    elif [ $SECONDS -ge $deadline ]; then problem="did not come up within ${seconds}s"
    fi
    if [ -n "$problem" ]; then
      echo "error: $description $problem; last lines of $log_file:" >&2
      tail -n 30 "$log_file" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free() {
  if port_open "$1"; then echo "error: port $1, which $2 needs, is taken by another program" >&2; exit 1; fi
}

start_azurite() {
  if is_running "$dev_dir/azurite.pid" azurite; then log "Azurite already running"; return; fi
  port_free "$azurite_port" Azurite
  port_free $((azurite_port + 1)) Azurite
  port_free $((azurite_port + 2)) Azurite
  log "starting Azurite (blob, queue and table, ports $azurite_port-$((azurite_port + 2)))"
  mkdir -p "$dev_dir/azurite"
  nohup dev/node_modules/.bin/azurite --blobHost 127.0.0.1 --blobPort "$azurite_port" \
    --queueHost 127.0.0.1 --queuePort $((azurite_port + 1)) --tableHost 127.0.0.1 --tablePort $((azurite_port + 2)) \
    --blobKeepAliveTimeout 120 --queueKeepAliveTimeout 120 --tableKeepAliveTimeout 120 \
    --location "$dev_dir/azurite" --disableTelemetry --skipApiVersionCheck --silent \
    >"$dev_dir/logs/azurite.log" 2>&1 &
  echo $! >"$dev_dir/azurite.pid"
  wait_until Azurite 60 "$dev_dir/logs/azurite.log" $! port_open $((azurite_port + 2))
}

start_keyvault() {
  local endpoints=$dev_dir/keyvault/endpoints.env
  if is_running "$dev_dir/keyvault.pid" CmkFunctions.LocalKeyVault; then log "local Key Vault already running"; return; fi
  log "building the local Key Vault"
  build_quietly src/CmkFunctions.LocalKeyVault
  log "starting the local Key Vault (dev/local-keyvault.json)"
  mkdir -p "$dev_dir/keyvault"
  # endpoints.env is the tool's readiness signal: a stale one must not count.
  rm -f "$endpoints"
  nohup dotnet "$keyvault_tool" --config dev/local-keyvault.json --data "$dev_dir/keyvault" \
    >"$dev_dir/logs/keyvault.log" 2>&1 &
  echo $! >"$dev_dir/keyvault.pid"
  wait_until "the local Key Vault" 90 "$dev_dir/logs/keyvault.log" $! test -s "$endpoints"
}

write_env() {
  {
    cat "$dev_dir/keyvault/endpoints.env"
    printf "export AZURITE_CONNECTION_STRING='%s'\n" "$azurite_connection_string"
    # The API's tokens: audience (its application id URI) and the authority that issues them (the local Key Vault's
    # sign-in metadata, for callers of any tenant). A token: $IDENTITY_ENDPOINT?...&resource=$CMK_API_AUDIENCE.
    echo "export CMK_API_AUDIENCE=$api_audience"
    echo "export CMK_API_AUTHORITY=\${CMK_LOGIN_URL}common"
  } >"$dev_dir/env.tmp"
  mv "$dev_dir/env.tmp" "$dev_dir/env"
  log "wrote .dev/env (source it: . .dev/env)"
}

# ensure_platform_key: the service's own key for Microsoft-managed resources (Cmk:PlatformKeyUri), created once in vault
# cmkdemo as the admin identity (the service's identity locally); its versionless id goes into .dev/env.
ensure_platform_key() {
  # shellcheck disable=SC1091
  . "$dev_dir/env"
  local vault=${CMK_VAULT_URL_cmkdemo%/} token
  token=$(curl -sf "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=https://vault.azure.net&client_id=$CMK_ADMIN_CLIENT_ID" \
    -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  if ! curl -sf -o /dev/null --cacert "$CMK_CA_CERT" -H "Authorization: Bearer $token" "$vault/keys/platform-key?api-version=7.5"; then
    curl -sf -o /dev/null --cacert "$CMK_CA_CERT" -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      "$vault/keys/platform-key/create?api-version=7.5" -d '{"kty":"RSA","key_size":2048,"key_ops":["wrapKey","unwrapKey"]}'
    log "created the platform key platform-key in vault cmkdemo"
  fi
  echo "export CMK_PLATFORM_KEY_URI=$vault/keys/platform-key" >>"$dev_dir/env"
}

cmd_up() {
  install_azurite
  mkdir -p "$dev_dir/logs"
  start_azurite
  start_keyvault
  write_env
  ensure_platform_key
}

# stop NAME PIDFILE PATTERN: TERM, then KILL if it is still there after 10 s.
stop() {
  local name=$1 pid_file=$2 pattern=$3 pid deadline
  if ! is_running "$pid_file" "$pattern"; then rm -f "$pid_file"; return; fi
  pid=$(cat "$pid_file")
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  rm -f "$pid_file"
}

cmd_down() {
  stop "the local Key Vault" "$dev_dir/keyvault.pid" CmkFunctions.LocalKeyVault
  stop Azurite "$dev_dir/azurite.pid" azurite
  rm -f "$dev_dir/env"
}

host_port=7071

# The host's settings from .dev/env (local.settings.json in the repository root, if any, fills in the rest).
cmd_run() {
  cmd_up
  log "building the host"
  dotnet build src/CmkFunctions.Host -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
  local url=http://127.0.0.1:$host_port
  grep -v '^export CMK_HOST_URL=' "$dev_dir/env" >"$dev_dir/env.tmp" || true
  echo "export CMK_HOST_URL=$url" >>"$dev_dir/env.tmp"
  mv "$dev_dir/env.tmp" "$dev_dir/env"
  # shellcheck disable=SC1091
  . "$dev_dir/env"
  export ASPNETCORE_URLS=$url \
    ConnectionStrings__Storage=$AZURITE_CONNECTION_STRING \
    Cmk__ManagementEndpoint=$CMK_KV_MANAGEMENT_URL \
    Cmk__KeyVaultCaCertificate=$CMK_CA_CERT \
    Cmk__ServiceIdentityClientId=$CMK_ADMIN_CLIENT_ID \
    Cmk__PlatformKeyUri=$CMK_PLATFORM_KEY_URI \
    Cmk__DisableChallengeResourceVerification=true \
    Cmk__ResourceGroup=$CMK_RESOURCE_GROUP \
    Cmk__ApiAudience=$CMK_API_AUDIENCE \
    Cmk__ApiAuthority=$CMK_API_AUTHORITY \
    AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval=00:00:01
  export Cmk__EventWebhookSecret
  Cmk__EventWebhookSecret=$(webhook_secret)
  log "starting the host (Ctrl-C stops it; ./dev.sh down stops the rest)"
  echo "CmkFunctions host: $url (CMK_HOST_URL in .dev/env)"
  dotnet "src/CmkFunctions.Host/bin/$configuration/net10.0/CmkFunctions.Host.dll" &
  local host_pid=$!
  trap 'kill "$host_pid" 2>/dev/null' INT TERM
  wait_until "the host" 90 /dev/null "$host_pid" curl -sf -o /dev/null "$url/healthz"
  subscribe_events "$url/api/events/keyvault?code=$Cmk__EventWebhookSecret"
  wait "$host_pid"
}

# The secret the webhook's subscriptions carry (?code=); kept in .dev (git-ignored) so restarts reuse it.
webhook_secret() {
  local file=$dev_dir/webhook-secret
  if [ ! -s "$file" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  fi
  cat "$file"
}

# subscribe_events URL: subscribes the webhook to every local vault's Key Vault events through the local tool's
# ARM-shaped management API, as infra/subscribe-keyvault-events.sh does on the vault's system topic in Azure.
subscribe_events() {
  local endpoint=$1 token variable vault_id
  token=$(curl -sf "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=https://management.azure.com/&client_id=$CMK_ADMIN_CLIENT_ID" \
    -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  for variable in $(compgen -v CMK_VAULT_ID_); do
    vault_id=${!variable}
    curl -sf --cacert "$CMK_CA_CERT" -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      "${CMK_KV_MANAGEMENT_URL%/}$vault_id/providers/Microsoft.EventGrid/eventSubscriptions/cmkfunctions-host?api-version=2022-06-15" \
      -d "{\"properties\":{\"destination\":{\"endpointType\":\"WebHook\",\"properties\":{\"endpointUrl\":\"$endpoint\"}},\"eventDeliverySchema\":\"EventGridSchema\"}}" >/dev/null
    log "subscribed the host's webhook to the events of vault ${vault_id##*/}"
  done
}

cmd_test() {
  cmd_setup
  log "running tests"
  local output status=0
  output=$(mktemp)
  # A hung test fails the run (with a dump) instead of stalling it.
  dotnet test CmkFunctions.sln -c "$configuration" --no-build --nologo -v quiet \
    --logger "console;verbosity=normal" --blame-hang-timeout 10m "$@" | tee "$output" || status=$?
  # One closing line over every test assembly: vstest prints a summary block per assembly.
  awk '/^ *Passed: *[0-9]+ *$/ {passed += $2} /^ *Failed: *[0-9]+ *$/ {failed += $2}
       END {printf "tests: %d passed, %d failed\n", passed, failed}' "$output"
  rm -f "$output"
  return "$status"
}

# build_quietly PROJECT [CONFIGURATION]: builds it, saying nothing unless the build fails (then its errors, on stderr),
# so what follows prints only its own output.
build_quietly() {
  local output
  if ! output=$(dotnet build "$1" -c "${2:-$configuration}" --nologo -v quiet -clp:ErrorsOnly 2>&1); then
    printf '%s\n' "$output" >&2
    exit 1
  fi
}

cmd_bench() {
  local name=${1:?usage: ./dev.sh bench <crypto | provision | create N | rotate N [--fresh] | report [names..]>}; shift || true
  build_quietly bench/CmkFunctions.Bench Release
  dotnet bench/CmkFunctions.Bench/bin/Release/net10.0/CmkFunctions.Bench.dll "$name" "$@"
}

# cmk ARGS..: the command line tool, built quietly and run in place (no install); .dev/env gives it CMK_HOST_URL,
# CMK_API_AUDIENCE and the local managed-identity endpoint when ./dev.sh up has written it; it calls as the local
# operator (every API role) unless AZURE_CLIENT_ID or --client-id names another identity.
cmd_cmk() {
  build_quietly src/CmkFunctions.Cli
  if [ -f "$dev_dir/env" ]; then
    # shellcheck disable=SC1091
    . "$dev_dir/env"
    export AZURE_CLIENT_ID=${AZURE_CLIENT_ID:-${CMK_OPERATOR_CLIENT_ID:-}}
  fi
  cd "$invocation_dir"
  exec dotnet "$root/src/CmkFunctions.Cli/bin/$configuration/net10.0/cmk.dll" "$@"
}

command=${1:-}
shift || true
case "$command" in
  setup) cmd_setup "$@" ;;
  up) cmd_up "$@" ;;
  run) cmd_run "$@" ;;
  down) cmd_down "$@" ;;
  test) cmd_test "$@" ;;
  bench) cmd_bench "$@" ;;
  cmk) cmd_cmk "$@" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
