#!/bin/bash
# Entrypoint for the Tendermint 0.31.5 container of a ledgerd member:
#   tendermint-supervise.sh node --home /tendermint --proxy_app tcp://app:26658
# 1. waits until the app accepts connections on LEDGERD_ABCI (host:port, default app:26658);
# 2. runs tendermint with the given arguments, passing its output through;
# 3. when Tendermint reports it lost its ABCI connection (the app stopped or restarted;
#    Tendermint 0.31.5 never reconnects and its consensus halts), stops it and exits 75,
#    so the container's restart policy starts a fresh Tendermint that connects to the new app.
# SIGTERM/SIGINT (docker stop) are passed on to Tendermint.
set -u
abci="${LEDGERD_ABCI:-app:26658}"
host="${abci%:*}"
port="${abci##*:}"
bin="${TENDERMINT_BIN:-/usr/bin/tendermint}"
wait_seconds="${LEDGERD_ABCI_WAIT_SECONDS:-120}"

for ((i = 0; i < wait_seconds * 5; i++)); do
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    break
  fi
  sleep 0.2
done
if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
  echo "supervise: the app is not listening on $abci after ${wait_seconds}s" >&2
  exit 1
fi

fifo="$(mktemp -u /tmp/tendermint-out.XXXXXX)"
mkfifo "$fifo" || exit 1
"$bin" "$@" > "$fifo" 2>&1 &
tm=$!
trap 'kill -TERM "$tm" 2>/dev/null' TERM INT

lost=0
while IFS= read -r line; do
  printf '%s\n' "$line"
  case "$line" in
    *"Stopping abci.socketClient for error"* | *"Stopping abci.grpcClient for error"*)
      if [ "$lost" = 0 ]; then
        lost=1
        echo "supervise: Tendermint lost its connection to the app at $abci; stopping it so that it restarts" >&2
        kill -TERM "$tm" 2>/dev/null
      fi
      ;;
  esac
done < "$fifo"

wait "$tm"
code=$?
rm -f "$fifo"
if [ "$lost" = 1 ]; then
  exit 75
fi
exit "$code"
