#!/bin/bash
# card-env.sh — run a command with its own pcscd and vpcd readers.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: card-env.sh [--readers N] [--] COMMAND [ARGS…]
#
# COMMAND runs in a private mount and PID namespace: a tmpfs on /run/pcscd,
# an empty /etc/reader.conf.d (the vpcd package's global reader must not leak
# in), and a pcscd reading only a reader.conf made here, with N vpcd readers
# (default 1) on free TCP ports. When COMMAND ends, everything started in the
# namespace dies with it and the temporary files are removed.
#
# Exported to COMMAND: MADOGUCHI_VPCD_PORTS (space-separated, one per reader),
# MADOGUCHI_PCSCD_CONF (pcscd's -c folder), MADOGUCHI_CARD_ENV_DIR (scratch
# folder, removed afterwards), MADOGUCHI_CARD_ENV_LIB (card-env-lib.sh).
# Each vpcd reader has two slots: PORT ("<name> 00 00") and PORT+1 ("<name> 00 01").
#
# Exits with COMMAND's status; 77 (skip) when it cannot make the namespace.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vpcd_driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

skip () {
  echo "card-env: skipped: $*" >&2
  exit 77
}

readers=1
while [ $# -gt 0 ]; do
  case $1 in
    --readers) readers=$2; shift 2 ;;
    --readers=*) readers=${1#--readers=}; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ] || ! [[ $readers =~ ^[1-8]$ ]]; then
  echo "usage: card-env.sh [--readers N (1-8)] [--] COMMAND [ARGS…]" >&2
  exit 2
fi

# free_port_pair AFTER — a port P > AFTER with P and P+1 free.
free_port_pair () {
  local port=$1
  while :; do
    port=$((port + 2))
    ! _port_listening "$port" && ! _port_listening $((port + 1)) && break
  done
  echo "$port"
}

# The vpcd driver keeps its connections in static variables, so two readers
# sharing one loaded copy overwrite each other's sockets: each reader gets a
# copy of the driver (a copy, not a link: the dynamic loader would see
# through a link and load it once).
write_reader_conf () {
  local i=1 port=$((20000 + RANDOM % 20000)) ports="" driver
  : > "$MADOGUCHI_CARD_ENV_DIR/readers"
  mkdir -p "$MADOGUCHI_CARD_ENV_DIR/drivers"
  while [ "$i" -le "$readers" ]; do
    port=$(free_port_pair "$port")
    ports="$ports $port"
    driver=$MADOGUCHI_CARD_ENV_DIR/drivers/libifdvpcd-$i.so
    cp "$vpcd_driver" "$driver"
    cat >> "$MADOGUCHI_PCSCD_CONF/reader.conf" <<EOR
FRIENDLYNAME "Madoguchi Virtual Reader $i"
DEVICENAME /dev/null:0x$(printf '%04X' "$port")
LIBPATH $driver
CHANNELID 0x$(printf '%04X' "$port")

EOR
    echo "$port Madoguchi Virtual Reader $i 00 00" >> "$MADOGUCHI_CARD_ENV_DIR/readers"
    echo "$((port + 1)) Madoguchi Virtual Reader $i 00 01" >> "$MADOGUCHI_CARD_ENV_DIR/readers"
    i=$((i + 1))
  done
  export MADOGUCHI_VPCD_PORTS=${ports# }
}

cleanup () {
  vcard_stop || true
  pcscd_stop || true
  umount /etc/reader.conf.d /run/pcscd 2>/dev/null || true
  rm -rf "$MADOGUCHI_CARD_ENV_DIR"
}

inside () {
  local status
  mount --make-rprivate /
  mkdir -p /run/pcscd
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd
  export MADOGUCHI_CARD_ENV_DIR
  MADOGUCHI_CARD_ENV_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mado-card-env.XXXXXX")
  trap cleanup EXIT
  mkdir "$MADOGUCHI_CARD_ENV_DIR/empty" "$MADOGUCHI_CARD_ENV_DIR/conf"
  mount --bind "$MADOGUCHI_CARD_ENV_DIR/empty" /etc/reader.conf.d
  export MADOGUCHI_PCSCD_CONF=$MADOGUCHI_CARD_ENV_DIR/conf
  export MADOGUCHI_CARD_ENV_LIB=$here/card-env-lib.sh
  # shellcheck source=card-env-lib.sh
  . "$MADOGUCHI_CARD_ENV_LIB"
  write_reader_conf
  pcscd_start
  set +e
  "$@"
  status=$?
  set -e
  return "$status"
}

if [ "${MADOGUCHI_CARD_ENV_INSIDE:-}" = 1 ]; then
  inside "$@"
  exit $?
fi

[ "$(id -u)" -eq 0 ] || skip "needs root for a private mount namespace"
command -v unshare >/dev/null || skip "unshare (util-linux) is not installed"
command -v pcscd >/dev/null || skip "pcscd is not installed"
command -v opensc-tool >/dev/null || skip "opensc-tool (opensc) is not installed"
[ -e "$vpcd_driver" ] || skip "the vpcd driver (vsmartcard-vpcd) is not installed"
unshare --mount --pid --fork --mount-proc true 2>/dev/null || skip "unshare --mount --pid is not permitted here"

# PID 1 of the new PID namespace is this script again: when it exits, the
# kernel kills whatever it left behind. /proc is remounted to match the PID
# namespace (LeakSanitizer reads /proc/<pid>/task).
exec unshare --mount --pid --fork --kill-child --mount-proc \
  env MADOGUCHI_CARD_ENV_INSIDE=1 bash "$0" --readers "$readers" -- "$@"
