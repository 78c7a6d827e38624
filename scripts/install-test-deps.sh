#!/usr/bin/env bash
# Makes sure the system packages the end-to-end tests need are present:
# Debian's Chromium (fake camera and microphone), coturn (TURN relay) and
# iproute2 (the private network namespace the suite runs in).
set -euo pipefail

# A non-root PATH often lacks the sbin folders where `ip` lives.
PATH="$PATH:/usr/sbin:/sbin"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)

(( ${#missing[@]} == 0 )) && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "Missing system packages for the end-to-end tests: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium coturn iproute2" >&2
  exit 1
fi

echo "Installing system packages for the end-to-end tests: ${missing[*]}"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
