#!/bin/bash
# One-shot setup of the four-member demo (compose.demo.yml), run in the app image as root with
# the demo volume at /demo. Does what four operators and a coordinator would do, with the
# ledgerd-network CLI: member init, member info, genesis, member configure. Re-running keeps
# an existing network.
set -euo pipefail
root=/demo
chain="${LEDGERD_CHAIN_ID:-ledgerd-demo}"
prefix="${LEDGERD_DEMO_SUBNET_PREFIX:-172.28.0}"
members=(1 2 3 4)
net() { java -jar /app/ledgerd-network.jar "$@"; }

if [ -f "$root/genesis.json" ]; then
  echo "demo network '$(grep -o '"chain_id": *"[^"]*"' "$root/genesis.json")' already set up in $root"
  exit 0
fi
mkdir -p "$root/info" "$root/app"
for i in "${members[@]}"; do
  # Tendermint i has the fixed address $prefix.1i on the demo network (see compose.demo.yml):
  # Tendermint 0.31.5 resolves peer names once at start and drops those it cannot resolve yet.
  net member init --home "$root/member$i" --moniker "member$i" --hostname "$prefix.1$i" --if-missing
  net member info --home "$root/member$i" --out "$root/info/member$i.json" --force
done
net genesis --chain-id "$chain" --member "$root"/info/member*.json --out "$root/genesis.json.tmp" --force
for i in "${members[@]}"; do
  net member configure --home "$root/member$i" --genesis "$root/genesis.json.tmp" --peers "$root"/info/member*.json \
    --proxy-app "tcp://app$i:26658"
  install -m 0644 "$root/member$i/app.properties" "$root/app/member$i.properties"
  # the tendermint/tendermint:v0.31.5 image runs as tmuser (uid 100, gid 1000)
  chown -R 100:1000 "$root/member$i"
done
mv "$root/genesis.json.tmp" "$root/genesis.json"
chmod 0755 "$root" "$root/app" "$root/info"
echo "demo network '$chain' set up: 4 members in $root"
