#!/usr/bin/env bash
# `npm run bench`: builds and packs the package, installs the pinned n8n once (as the end-to-end job
# does), then prints the benchmark tables of test/bench/run.ts (`npm run bench -- 9` runs table 9
# only; BENCH9_MESSAGES=50 makes it quick).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/e2e/install.sh
source scripts/e2e/environment.sh
npm run build --silent
export E2E_TARBALL="$e2e/$(npm pack --silent --pack-destination "$e2e")"
export E2E_NODE="$node24" E2E_N8N_BIN="$n8n_bin" N8N_VERSION NODE_VERSION
export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"
node -r ts-node/register/transpile-only test/bench/run.ts "$@"
