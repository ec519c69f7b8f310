#!/usr/bin/env bash
# Installs what the tests and the demo need, once per machine: Debian's
# Chromium (driven by playwright-core) and code-server, which ships a full VS
# Code build (workbench, server, extension host). As root it also tries to
# install Debian's awscli (v2 on Debian 12) for the emulator's conformance
# test, which is skipped without an AWS CLI v2.
# code-server 4.100.3 (VS Code 1.100.3) is the newest release whose engines accept Node 20.
# Prints the folder that contains code-server's node_modules.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
install_dir="${DFE_REAL_VSCODE_DIR:-$HOME/.cache/device-farm-explorer/code-server-$CODE_SERVER_VERSION}"

# Best effort: a machine without root, apt-get or the package still runs every other test.
if [ ! -x /usr/bin/aws ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing awscli with apt-get" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli; } >&2 ||
    echo "Could not install awscli, so the AWS CLI conformance test will be skipped" >&2
fi

if [ -x "$install_dir/node_modules/.bin/code-server" ] && command -v chromium >/dev/null; then
  echo "$install_dir"
  exit 0
fi

# VS Code's kerberos module compiles from source and needs the krb5 headers, and
# Debian's rg replaces @vscode/ripgrep's download.
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "Installing chromium, libkrb5-dev and ripgrep with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev ripgrep >&2
fi

# @vscode/ripgrep's postinstall downloads from GitHub unless its cache already
# contains the tarball, so seed the cache with Debian's rg.
ripgrep_cache="${TMPDIR:-/tmp}/$RIPGREP_CACHE_NAME"
if [ ! -f "$ripgrep_cache/$RIPGREP_TARBALL" ]; then
  mkdir -p "$ripgrep_cache"
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$ripgrep_cache/$RIPGREP_TARBALL" -C "$staging" rg
  rm -rf "$staging"
fi

echo "Installing code-server@$CODE_SERVER_VERSION into $install_dir (about 3 minutes)" >&2
mkdir -p "$install_dir"
cd "$install_dir"
[ -f package.json ] || echo '{"name":"device-farm-explorer-real-vscode","private":true}' > package.json
# As root, code-server's postinstall needs unsafe_perm; node-pty's postinstall
# runs `npx node-gyp`, which needs `yes` to run without a prompt.
if ! npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund \
  "code-server@$CODE_SERVER_VERSION" > install.log 2>&1; then
  tail -40 install.log >&2
  echo "code-server install failed; the full log is $install_dir/install.log" >&2
  exit 1
fi
echo "$install_dir"
