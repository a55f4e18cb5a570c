#!/usr/bin/env bash
# `npm run test:e2e`: the packed package inside a real n8n, against the emulators, in four
# profiles: the latest pinned n8n and the oldest 2.x the README claims, each in regular mode and in
# queue mode (Redis, main, worker, webhook). scripts/e2e/suite.ts runs one profile; nothing may
# leave 127.0.0.1 (a network guard in every n8n process records any other address).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source scripts/e2e/versions.sh
bash scripts/e2e/system-packages.sh || exit 1
for version in "$N8N_LATEST_VERSION" "$N8N_OLDEST_VERSION"; do
	N8N_VERSION="$version" bash scripts/e2e/install.sh || exit 1
done

e2e="$root/.e2e"
npm run build --silent || exit 1
export E2E_TARBALL="$e2e/$(npm pack --silent --pack-destination "$e2e")"
export E2E_NETLOG="$e2e/netlog.txt"
rm -f "$E2E_NETLOG"

status=0
for version in "$N8N_LATEST_VERSION" "$N8N_OLDEST_VERSION"; do
	for mode in regular queue; do
		(
			export N8N_VERSION="$version" E2E_MODE="$mode" E2E_LATEST=false
			[ "$version" = "$N8N_LATEST_VERSION" ] && E2E_LATEST=true
			source scripts/e2e/environment.sh
			export E2E_DIR="$e2e" E2E_NODE="$node24" E2E_N8N_BIN="$n8n_bin"
			export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"
			node -r ts-node/register/transpile-only scripts/e2e/suite.ts
		) || status=1
	done
done

if [ -s "$E2E_NETLOG" ]; then
	echo "FAIL n8n reached something other than 127.0.0.1:"
	cat "$E2E_NETLOG"
	status=1
else
	echo "ok   n8n reached nothing but 127.0.0.1 in any profile"
fi
exit "$status"
