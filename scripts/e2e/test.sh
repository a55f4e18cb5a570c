#!/usr/bin/env bash
# `npm run test:e2e`: the packed package inside a real n8n, against the emulators. Runs every
# example workflow with `n8n execute` and checks its output, checks that n8n loaded every node
# (and the AI tool variants of the action nodes), and that n8n reached nothing but 127.0.0.1.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
bash scripts/e2e/install.sh || exit 1
export N8N_PORT=5688 N8N_RUNNERS_BROKER_PORT=5689 E2E_EMULATOR_PORT=5711
source scripts/e2e/environment.sh
export N8N_USER_FOLDER="$e2e/test-home"
rm -rf "$N8N_USER_FOLDER"
export E2E_NETLOG="$e2e/netlog.txt"
rm -f "$E2E_NETLOG"

passed=0
failed=0
check() { # check NAME COMMAND...
	if "${@:2}"; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

npm run build --silent || exit 1
tarball="$(npm pack --silent --pack-destination "$e2e")"
mkdir -p "$N8N_USER_FOLDER/.n8n/nodes"
(cd "$N8N_USER_FOLDER/.n8n/nodes" && echo '{"name":"installed-nodes","private":true}' > package.json &&
	npm install --silent --no-audit --no-fund --ignore-scripts --legacy-peer-deps --no-package-lock "$e2e/$tarball") || exit 1

rm -f "$e2e/test-emulators.json"
node -r ts-node/register/transpile-only test/emulators/serve.ts "$e2e/test-emulators.json" > "$e2e/emulators.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do [ -s "$e2e/test-emulators.json" ] && break; sleep 0.2; done
[ -s "$e2e/test-emulators.json" ] || { echo "The emulators did not start"; cat "$e2e/emulators.log"; exit 1; }

export NODE_OPTIONS="--require $root/scripts/e2e/netguard.cjs"
node scripts/e2e/credentials.mjs "$e2e/test-emulators.json" "$e2e/credentials.json"
n8n import:credentials --input="$e2e/credentials.json" > "$e2e/test-import.log" 2>&1
n8n import:workflow --separate --input="$root/examples" >> "$e2e/test-import.log" 2>&1
n8n import:workflow --input="$root/test/e2e/http-request-with-credentials.json" >> "$e2e/test-import.log" 2>&1
check "credentials and example workflows import" grep -q "Successfully imported" "$e2e/test-import.log"

# Each example: n8n execute prints log lines and the run as JSON; the JSON is cut out and checked.
run_example() { # run_example WORKFLOW_ID NODE EXPRESSION
	local out="$e2e/run-$1.txt"
	N8N_LOG_LEVEL=info n8n execute --id="$1" --rawOutput > "$out" 2>&1
	sed -n '/^{/,/^}/p' "$out" > "$out.json"
	node -e '
		const [file, node, expression] = process.argv.slice(1);
		const run = JSON.parse(require("fs").readFileSync(file, "utf8"));
		const error = run.data?.resultData?.error;
		if (error) { console.error(`  run error: ${error.message}`); process.exit(1); }
		const items = (run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
		const ok = new Function("items", `return (${expression})`)(items);
		if (!ok) { console.error(`  unexpected output of ${node}: ${JSON.stringify(items).slice(0, 500)}`); process.exit(1); }
	' "$out.json" "$2" "$3"
}
check "AI Chatbot Hub example: re-scrape, then a streamed answer" run_example exampleAiHub0001 "Smoke-test question" \
	'items.length === 1 && items[0].response === "Echo: What are your opening hours?"'
check "Chat Thing example: rows into a data source, one sync" run_example exampleChatThing1 "Sync" \
	'items.length === 1 && items[0].syncStarted === true'
check "SendKit example: retrain and wait for training" run_example exampleSendKit001 "Retrain" \
	'items[0].trainingStatus === "completed"'
check "Chatsby example: add Q&A, wait, ask with a streamed reply" run_example exampleChatsby001 "Ask" \
	'items[0].streamed === true && items[0].response.startsWith("Our answer to:")'
check "each credential works in n8n's HTTP Request node (predefined credential type)" run_example e2eHttpRequest01 "HTTP chatsbyApi" \
	'items.length >= 1'

# The server: the node list the editor gets, with the AI tool variants of the action nodes.
export N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$e2e/n8n-$N8N_VERSION" && "$node24" -e "console.log(require('bcryptjs').hashSync(process.env.N8N_DEMO_PASSWORD, 10))")"
"$node24" "$n8n_bin" start > "$e2e/test-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$N8N_PORT/healthz/readiness" && break; sleep 0.5; done
curl -sf -c "$e2e/cookies.txt" -H 'Content-Type: application/json' \
	-d "{\"emailOrLdapLoginId\":\"owner@example.com\",\"password\":\"$N8N_DEMO_PASSWORD\"}" \
	"http://127.0.0.1:$N8N_PORT/rest/login" > /dev/null
curl -sf -b "$e2e/cookies.txt" "http://127.0.0.1:$N8N_PORT/types/nodes.json" > "$e2e/node-types.json"
node_types() {
	node -e '
		const names = require(process.argv[1]).map((type) => type.name).filter((name) => name.startsWith("n8n-nodes-chatbot-platforms."));
		const expected = ["aiChatbotHub", "chatThing", "sendKit", "chatsby"].flatMap((node) => [node, `${node}Tool`, `${node}Trigger`]);
		const missing = expected.filter((name) => !names.includes(`n8n-nodes-chatbot-platforms.${name}`));
		const triggerTools = names.filter((name) => /TriggerTool$/.test(name));
		if (missing.length || triggerTools.length) { console.error(`  missing: ${missing}; trigger tools: ${triggerTools}`); process.exit(1); }
	' "$e2e/node-types.json"
}
check "n8n lists every node, the tool variant of each action node, and no trigger tool" node_types

# A webhook trigger, published: a signed delivery to n8n's own URL starts one execution; an
# unsigned, wrongly signed or stale one gets 401 and starts none.
api_key="$(node -e '
	const base = process.argv[1], cookies = process.argv[2];
	const cookie = require("fs").readFileSync(cookies, "utf8").split("\n").filter((l) => l.includes("n8n-auth")).map((l) => l.split("\t").slice(5, 7).join("=")).join("; ");
	(async () => {
		const scopes = (await (await fetch(`${base}/rest/api-keys/scopes`, { headers: { cookie } })).json()).data;
		const created = await fetch(`${base}/rest/api-keys`, { method: "POST", headers: { cookie, "content-type": "application/json" },
			body: JSON.stringify({ label: "e2e", scopes, expiresAt: null }) });
		console.log((await created.json()).data.rawApiKey);
	})();
' "http://127.0.0.1:$N8N_PORT" "$e2e/cookies.txt")"
curl -sf -X POST -H "X-N8N-API-KEY: $api_key" -H 'Content-Type: application/json' -d '{}' \
	"http://127.0.0.1:$N8N_PORT/api/v1/workflows/exampleChatsbyTrg/publish" > /dev/null
hook="http://127.0.0.1:$N8N_PORT/webhook/3f9c2b1a-7e6d-4c5b-9a8f-1e2d3c4b5a69/webhook"
secret="$(node -e 'console.log(require(process.argv[1]).find((c) => c.type === "chatsbyApi").data.webhookSecret)' "$e2e/credentials.json")"
deliver() { node -r ts-node/register/transpile-only scripts/e2e/delivery.ts "$hook" "$secret" "$1"; }
for _ in $(seq 1 40); do [ "$(deliver unsigned)" = "401" ] && break; sleep 0.25; done
check "a signed Chatsby delivery to n8n's webhook URL is accepted" bash -c "[ \"\$(node -r ts-node/register/transpile-only scripts/e2e/delivery.ts '$hook' '$secret' none)\" = 200 ]"
check "unsigned, wrongly signed and stale deliveries get 401" bash -c "for flaw in unsigned wrongSecret stale; do [ \"\$(node -r ts-node/register/transpile-only scripts/e2e/delivery.ts '$hook' '$secret' \$flaw)\" = 401 ] || exit 1; done"
executions() {
	# The execution runs after n8n answered the delivery: wait for it to finish (at most 10 s).
	for _ in $(seq 1 20); do executions_once 2> /dev/null && return 0; sleep 0.5; done
	executions_once
}
executions_once() {
	curl -sf -H "X-N8N-API-KEY: $api_key" "http://127.0.0.1:$N8N_PORT/api/v1/executions?workflowId=exampleChatsbyTrg&includeData=true" > "$e2e/executions.json"
	node -e '
		const runs = require(process.argv[1]).data;
		const alert = runs[0]?.data?.resultData?.runData?.["Alert text"]?.[0]?.data?.main?.[0]?.[0]?.json?.alert;
		if (runs.length !== 1 || runs[0].status !== "success" || !/src_e2efailed1 .* failed: The website could not be reached/.test(alert)) {
			console.error(`  executions: ${JSON.stringify(runs.map((run) => [run.status, run.mode]))}, alert: ${alert}`); process.exit(1);
		}
	' "$e2e/executions.json"
}
check "exactly one execution, from the signed delivery, with the alert text" executions

check "n8n loaded the package without skipping it" bash -c "! grep -h 'Skipping package' '$e2e'/run-*.txt '$e2e/test-server.log'"
check "n8n reached nothing but 127.0.0.1" bash -c "[ ! -s '$E2E_NETLOG' ] || { cat '$E2E_NETLOG'; false; }"

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
