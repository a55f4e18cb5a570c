#!/usr/bin/env bash
# `npm run test:e2e`: the packed package inside a real n8n, against the emulators, in four
# profiles: the latest pinned n8n and the oldest 2.x the README claims, each in regular mode and in
# queue mode (Redis, main, worker, webhook). Installs what the profiles need, builds and packs the
# package once, then runs the suite (test/e2e/profiles.e2e.ts) with jest, one profile after
# another; nothing may leave 127.0.0.1 (a network guard in every n8n process records any other
# address). Arguments go to jest: `npm run test:e2e -- -t '2.0.3 queue'` runs one profile.
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
export E2E_DIR="$e2e"
export E2E_TARBALL="$e2e/$(npm pack --silent --pack-destination "$e2e")"
export E2E_NETLOG="$e2e/netlog.txt"
rm -f "$E2E_NETLOG"

status=0
npx jest --ci --runInBand --config jest.e2e.config.js "$@" || status=1

if [ -s "$E2E_NETLOG" ]; then
	echo "FAIL n8n reached something other than 127.0.0.1:"
	cat "$E2E_NETLOG"
	status=1
else
	echo "ok   n8n reached nothing but 127.0.0.1 in any profile"
fi
exit "$status"
