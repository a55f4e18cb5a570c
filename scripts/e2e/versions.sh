# The n8n and Node.js versions the end-to-end job runs; change them here only.
# N8N_VERSION is the latest pinned release; N8N_OLDEST_VERSION the oldest 2.x the README claims.
# 2.41.1 is the newest 2.x that installs from the registry: 2.41.3 pins 21 packages that it does
# not serve (n8n-core 2.41.2, @n8n/config 2.39.1, @n8n/agents 0.26.2, ...). Move up when it does:
# `npm view n8n@<version> dependencies` and `npm view <dependency>@<pinned> version` for each.
N8N_LATEST_VERSION=2.41.1
N8N_OLDEST_VERSION=2.0.3
N8N_VERSION="${N8N_VERSION:-$N8N_LATEST_VERSION}"
NODE_VERSION=24.21.0
