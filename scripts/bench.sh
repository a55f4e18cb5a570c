#!/usr/bin/env bash
# `npm run bench`: builds the package, then prints the benchmark tables of test/bench/run.ts
# (`npm run bench -- 3 8` prints only those). Tables 1, 2, 5, 6 and 9 run inside real n8n: for them
# the pinned n8n is installed once (as the end-to-end job does) and the package packed; the other
# tables run in-process and need neither. Table 9 also needs Postgres and Redis (Debian's
# postgresql and redis-server, installed here when missing and run as root); BENCH9_MESSAGES=50
# makes it quick.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
needs_n8n=true
needs_databases=true
if [ "$#" -gt 0 ]; then
	needs_n8n=false
	needs_databases=false
	for table in "$@"; do
		case "$table" in 1 | 2 | 5 | 6) needs_n8n=true ;; 9) needs_n8n=true needs_databases=true ;; esac
	done
fi
if $needs_databases; then
	bash scripts/bench-packages.sh
fi
if $needs_n8n; then
	bash scripts/e2e/install.sh
	source scripts/e2e/environment.sh
fi
npm run build --silent
if $needs_n8n; then
	# A folder of the bench's own: the end-to-end job packs into .e2e/ itself, maybe at this moment.
	mkdir -p "$e2e/bench-package"
	export E2E_TARBALL="$e2e/bench-package/$(npm pack --silent --pack-destination "$e2e/bench-package")"
	export E2E_NODE="$node24" E2E_N8N_BIN="$n8n_bin" N8N_VERSION NODE_VERSION
	export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"
fi
node -r ts-node/register/transpile-only test/bench/run.ts "$@"
