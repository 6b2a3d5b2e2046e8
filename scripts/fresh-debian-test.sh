#!/usr/bin/env bash
# CI on a stock Debian machine, without a VM: makes a clean Debian bookworm
# root (`debootstrap --variant=minbase`) holding only what the Swift
# toolchain itself needs (swift.org's list for Debian 12), bind-mounts this
# machine's Swift toolchain into it, clones the repository's HEAD, and runs
# `.ci/run` there as root, with Debian's own Python. Everything else the
# tests need is installed by the project's scripts.
# Root only. Slow: a full build and test run.
#   SWIFT_TOOLCHAIN  toolchain prefix to bind-mount (default: /opt/swift)
#   SWIFT_PACKAGES   a local mirror of https://github.com/ to use instead of
#                    the network (default: /opt/swift-packages when present)
#   DEBIAN_MIRROR    Debian mirror (default: http://deb.debian.org/debian)
#   POEMSD_FRESH_ROOT  reuse this root instead of making a new one
#   LOCAL_CA_DIR     CA certificates this machine's network needs (a
#                    TLS-inspecting proxy's, say), trusted in the root by
#                    apt, curl and pip as on this machine (default:
#                    /usr/local/share/ca-certificates when it holds any)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian-test: run as root (debootstrap and chroot need it)" >&2; exit 1; }
toolchain=${SWIFT_TOOLCHAIN:-/opt/swift}
packages_mirror=${SWIFT_PACKAGES:-/opt/swift-packages}
command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }

work=$(mktemp -d /tmp/poemsd-fresh.XXXXXX)
root=${POEMSD_FRESH_ROOT:-$work/root}
mounts=()
cleanup() {
    for ((i=${#mounts[@]}-1; i>=0; i--)); do umount "${mounts[$i]}" 2>/dev/null || true; done
    [ -n "${POEMSD_FRESH_ROOT:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$root/usr/bin/apt-get" ]; then
    # The Swift toolchain's own dependencies on Debian 12 (swift.org), nothing of poemsd's.
    toolchain_packages=binutils,libc6-dev,libgcc-12-dev,libstdc++-12-dev,libcurl4-openssl-dev,libxml2-dev,libedit-dev,libncurses-dev,libpython3-dev,libsqlite3-0,tzdata,zlib1g-dev,git,uuid-dev,ca-certificates
    echo "fresh-debian-test: debootstrap --variant=minbase bookworm (+ the Swift toolchain's dependencies)"
    debootstrap --variant=minbase --include="$toolchain_packages" bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
        >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
mkdir -p "$root/dev/shm"; mount -t tmpfs tmpfs "$root/dev/shm"; mounts+=("$root/dev/shm")
mkdir -p "$root/dev/pts"; mount -t devpts devpts "$root/dev/pts"; mounts+=("$root/dev/pts")
local_ca=${LOCAL_CA_DIR:-/usr/local/share/ca-certificates}
if compgen -G "$local_ca/*.crt" >/dev/null; then
    # The network's trust anchors, not the project's: as this machine has them.
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp "$local_ca"/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$root/etc/pip.conf"
fi
mkdir -p "$root$toolchain"; mount --bind -o ro "$toolchain" "$root$toolchain"; mounts+=("$root$toolchain")
if [ -d "$packages_mirror" ]; then
    mkdir -p "$root$packages_mirror"; mount --bind -o ro "$packages_mirror" "$root$packages_mirror"; mounts+=("$root$packages_mirror")
    chroot "$root" git config --system url."$packages_mirror/".insteadOf https://github.com/
fi
rm -rf "$root/src"
git clone -q "$PWD" "$root/src"
git -C "$root/src" checkout -q "$(git rev-parse HEAD)"
echo "fresh-debian-test: running .ci/run on a clone of $(git rev-parse --short HEAD) with $(chroot "$root" sh -c 'command -v python3 || echo "no python3 yet"')"
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH="$toolchain/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    bash -c 'cd /src && bash .ci/run'
echo "fresh-debian-test: passed"
