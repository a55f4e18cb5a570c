# The n8n and Node.js versions the end-to-end job runs; change them here only.
# N8N_VERSION is the latest pinned release; N8N_OLDEST_VERSION the oldest 2.x the README claims.
N8N_LATEST_VERSION=2.41.1
N8N_OLDEST_VERSION=2.0.3
N8N_VERSION="${N8N_VERSION:-$N8N_LATEST_VERSION}"
NODE_VERSION=24.21.0
