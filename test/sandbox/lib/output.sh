# shellcheck shell=bash
# Progress and errors: "[sandbox] ..." lines on stderr, so that stdout carries only the
# machine-readable output (env, status, call summary).

say() { printf '[sandbox] %s\n' "$*" >&2; }
die() { printf '[sandbox] ERROR: %s\n' "$*" >&2; exit "${DIE_CODE:-1}"; }
