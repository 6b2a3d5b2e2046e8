#!/usr/bin/env bash
# Installs the system libraries poemsd builds against, when missing:
# libmicrohttpd (HTTP) and SQLite (storage). Debian/Ubuntu.
set -euo pipefail

packages=(libmicrohttpd-dev libsqlite3-dev)
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
