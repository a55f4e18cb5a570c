#!/usr/bin/env bash
# `npm run bench`: builds the package, then prints the benchmark tables of test/bench/run.ts
# (`npm run bench -- 3 8` prints only those). Tables 1, 2, 5 and 6 run inside real n8n: for them
# the pinned n8n is installed once (as the end-to-end job does) and the package packed; the other
# tables run in-process and need neither.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
needs_n8n=true
if [ "$#" -gt 0 ]; then
	needs_n8n=false
	for table in "$@"; do
		case "$table" in 1 | 2 | 5 | 6) needs_n8n=true ;; esac
	done
fi
if $needs_n8n; then
	bash scripts/e2e/install.sh
	source scripts/e2e/environment.sh
fi
npm run build --silent
if $needs_n8n; then
	export E2E_TARBALL="$e2e/$(npm pack --silent --pack-destination "$e2e")"
	export E2E_NODE="$node24" E2E_N8N_BIN="$n8n_bin" N8N_VERSION NODE_VERSION
	export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"
fi
node -r ts-node/register/transpile-only test/bench/run.ts "$@"
