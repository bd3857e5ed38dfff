#!/usr/bin/env bash
# The demo: a local SMTP sink (mail lands in var/mail/*.eml), the background
# worker (e-mail delivery, reminders, weekly report) and the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# The demo's settings: production's plus the tooling apps (config/dev_settings.py).
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.dev_settings}"
export DEBUG="${DEBUG:-1}"  # the demo; production leaves DEBUG off
HOST="${HOST:-127.0.0.1:8000}"
mkdir -p var/mail
pids=()
cleanup() {
  trap - EXIT INT TERM
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

$PY manage.py mail_sink --host 127.0.0.1 --port "${EMAIL_PORT:-1025}" --dir var/mail &
pids+=($!)
$PY manage.py run_huey --logfile var/worker.log &
pids+=($!)
echo "Klachtwijs: http://$HOST/ (public form) and http://$HOST/staff/ (log in as a demo user above)"
echo "E-mail of the demo: var/mail/*.eml; worker log: var/worker.log"
if [ "${KLACHTWIJS_DEMO_SKIP_2FA:-0}" = "1" ]; then
  echo "Two-factor login: demo users may skip it (KLACHTWIJS_DEMO_SKIP_2FA=1). To try it, log in as coordinator, open Tweestapsverificatie in the menu and scan the QR code with an authenticator app; from then on that user is asked for a code."
fi
$PY manage.py runserver --noreload "$HOST"
