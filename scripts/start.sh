#!/usr/bin/env bash
# `npm start`: n8n with these nodes installed as a real community package, and local emulators of
# the four platforms with demo data, credentials and example workflows. Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/e2e/install.sh
source scripts/e2e/environment.sh

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The package, packed and installed the way users get it (node types n8n-nodes-chatbot-platforms.*).
npm run build --silent
tarball="$(npm pack --silent --pack-destination "$e2e")"
mkdir -p "$N8N_USER_FOLDER/.n8n/nodes"
(cd "$N8N_USER_FOLDER/.n8n/nodes" && echo '{"name":"installed-nodes","private":true}' > package.json &&
	npm install --silent --no-audit --no-fund --ignore-scripts --legacy-peer-deps --no-package-lock "$e2e/$tarball")

rm -f "$e2e/emulators.json"
node -r ts-node/register/transpile-only test/emulators/serve.ts "$e2e/emulators.json" &
pids+=($!)
for _ in $(seq 1 150); do [ -s "$e2e/emulators.json" ] && break; sleep 0.2; done
[ -s "$e2e/emulators.json" ] || { echo "The emulators did not start"; exit 1; }

export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"
node scripts/e2e/credentials.mjs "$e2e/emulators.json" "$e2e/credentials.json"
n8n import:credentials --input="$e2e/credentials.json" > "$e2e/import.log" 2>&1
n8n import:workflow --separate --input="$root/examples" >> "$e2e/import.log" 2>&1

"$node24" "$n8n_bin" start > "$e2e/n8n.log" 2>&1 &
pids+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$N8N_PORT/healthz/readiness"; do sleep 0.5; done
if grep -q "Skipping package" "$e2e/n8n.log"; then grep "Skipping package" "$e2e/n8n.log"; exit 1; fi
chat_url="$(node -r ts-node/register/transpile-only scripts/e2e/publish-chat.ts)"

cat <<INFO

  n8n is ready: http://127.0.0.1:$N8N_PORT
  Log in as owner@example.com with password $N8N_DEMO_PASSWORD
  Demo credentials point at the local emulators; example workflows are in the workflow list.
  Chat with the Chatsby demo agent (streamed replies): $chat_url
  Logs: $e2e/n8n.log. Press Ctrl-C to stop n8n and the emulators.

INFO
wait
