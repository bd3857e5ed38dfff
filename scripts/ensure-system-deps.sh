#!/usr/bin/env bash
# System packages the project needs beyond Python: Pango for WeasyPrint (PDF),
# DejaVu and Noto fonts, poppler-utils (PDF text and PNG pages in tests), Debian's
# chromium for the browser tests, dovecot (a real IMAP server for the mailbox tests), nginx (the
# reverse proxy of the proxy test), and axe-core from the npm registry.
# Installs what is missing when it can (root with apt-get); otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# Noto: letters and reports print every script a name may hold (the seed has Devanagari in a location name).
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/sbin/nginx ] || need+=(nginx)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages: ${need[*]} (install them with apt-get as root)" >&2
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null; then
    npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent
  else
    echo "npm not found: the accessibility checks of the browser tests will not run" >&2
  fi
fi
