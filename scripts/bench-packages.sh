#!/usr/bin/env bash
# The Debian packages bench table 9 needs: Postgres (n8n's database in both modes) and Redis (queue
# mode). Installs them when missing (as root, with apt-get), as scripts/e2e/system-packages.sh does
# for the end-to-end job; otherwise says what to install. Postgres counts as there when initdb is
# on PATH or in Debian's /usr/lib/postgresql/<version>/bin (where test/bench/concurrentExecutions.ts
# looks for it).
set -euo pipefail
missing=()
command -v redis-server > /dev/null || missing+=(redis-server)
if ! command -v initdb > /dev/null && ! ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
	missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "Bench table 9 needs: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
	exit 1
fi
echo "Installing ${missing[*]} from Debian's packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
