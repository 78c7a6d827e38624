#!/usr/bin/env bash
# Runs a command inside a private network namespace where two local Chromiums
# can call each other peer to peer.
#
# Why: Chromium gathers no ICE candidates from loopback alone, so two local
# browsers never connect unless the machine has another network interface. In a
# namespace of our own we give it one: a veth pair carrying 127.0.0.2. Chromium
# then offers 127.0.0.2 host candidates (raw addresses: fake media UI means no
# mDNS), which the kernel delivers over loopback. IPv6 is switched off so every
# candidate and every server speak the same IPv4 loopback. The command and
# everything it starts run in the namespace, which disappears with its last
# process; nothing in it can reach or disturb the machine's own network.
#
# Usage: bash scripts/netns.sh <command> [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PATH:/usr/sbin:/sbin"

if [[ "${BECKON_IN_NETNS:-}" != 1 ]]; then
  export BECKON_IN_NETNS=1
  # Root can make a network namespace directly; anyone else needs a user
  # namespace too (-r maps them to root inside it).
  if [[ $(id -u) -eq 0 ]]; then flags=(-n); else flags=(-r -n); fi
  if ! unshare "${flags[@]}" true 2>/dev/null; then
    echo "netns: cannot create a network namespace (unshare ${flags[*]} failed)." >&2
    echo "netns: run as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)." >&2
    exit 1
  fi
  # unshare execs the command, so its exit status is the command's.
  exec unshare "${flags[@]}" -- bash "$0" "$@"
fi

ip link set lo up
if [[ -d /proc/sys/net/ipv6 ]]; then
  sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.lo.disable_ipv6=1
fi
ip link add va type veth peer name vb
ip addr add 127.0.0.2/32 dev va
ip link set va up
ip link set vb up

exec "$@"
