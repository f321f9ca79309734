#!/bin/sh
# Starts the app named by the first argument or by APP. `exec` replaces the shell, so node is the
# container's main process and receives SIGTERM itself (graceful drain, not a kill after the timeout).
set -eu

is_app() {
  case "$1" in
    gateway | polls | comments | reporter | notifications | migrate) return 0 ;;
    *) return 1 ;;
  esac
}

if [ "$#" -gt 0 ] && is_app "$1"; then
  APP="$1"
  shift
fi
APP="${APP:-}"

if ! is_app "$APP"; then
  echo "entrypoint: APP must be one of gateway, polls, comments, reporter, notifications, migrate (got '${APP}')" >&2
  exit 64
fi

if [ "$APP" = migrate ]; then
  exec node dist/scripts/migrate.js "$@"
fi
exec node "dist/apps/${APP}/src/main.js" "$@"
