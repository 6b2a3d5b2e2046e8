#!/usr/bin/env bash
# Installs the system libraries poemsd builds against, when missing:
# libmicrohttpd (HTTP, with TLS through GnuTLS), SQLite (storage), zlib (gzip), and
# pkg-config, which finds them. Debian/Ubuntu.
# With --test, also what the tests use: Python's venv (for the OpenAPI
# validator and Selenium), openssl (test certificates), curl (a real TLS
# client; with jq, the documentation's examples), Chromium with its WebDriver (the dashboard's browser test), the
# sqlite3 CLI (the audit chain's tamper test edits a database with it),
# chattr (e2fsprogs: the immutable-file test), PostgreSQL (the second
# storage engine: server, psql and pg_dump; the test command starts a
# throwaway cluster of its own, scripts/postgres-cluster.sh), and
# Prometheus for its promtool (`promtool check metrics` lints /metrics; the
# package also brings the Prometheus server, whose service systemd starts:
# `systemctl disable --now prometheus` on a machine that does not want it).
set -euo pipefail

packages=(libmicrohttpd-dev libsqlite3-dev zlib1g-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
    packages+=(python3-venv openssl curl jq ca-certificates chromium chromium-driver sqlite3 e2fsprogs postgresql prometheus)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
