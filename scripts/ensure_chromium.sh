#!/usr/bin/env bash
# Browser tests drive Debian's chromium; install it from the distribution's packages if missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Browser tests need Debian's chromium package: run 'apt-get install chromium' as root." >&2
  exit 1
fi
echo "Installing chromium from the Debian packages (needed by the browser tests)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
