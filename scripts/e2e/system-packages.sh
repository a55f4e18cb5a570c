#!/usr/bin/env bash
# The Debian packages the end-to-end job needs: Redis for queue mode, Chromium for the editor
# screenshots. Installs them when missing (as root, with apt-get); otherwise says what to install.
set -euo pipefail
missing=()
command -v redis-server > /dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "The end-to-end job needs: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
	exit 1
fi
echo "Installing ${missing[*]} from Debian's packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
