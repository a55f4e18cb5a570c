# The n8n and Node.js versions the end-to-end job runs; change them here only.
N8N_VERSION=2.41.1
NODE_VERSION=24.21.0
