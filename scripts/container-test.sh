#!/usr/bin/env bash
# The container image, tested without a Docker engine (root, Debian):
#   1. builds the release binary exactly as the Dockerfile's build stage:
#      the files its COPY lines copy, in a build context of their own
#      (.build/container-context), with its build command;
#   2. makes a Debian bookworm root with `debootstrap --variant=minbase`
#      holding only the Dockerfile's RUNTIME_PACKAGES, its `poemsd` user and
#      /data, and copies the binary where the Dockerfile's COPY puts it;
#   3. in that root (chroot, own network and PID namespaces, as the image's
#      user, from WORKDIR /data, with the image's environment, started by
#      bare name as ENTRYPOINT + CMD) runs `serve` on an empty volume, checks
#      the HEALTHCHECK and /readyz, creates a key with `poemsd keys create`
#      (as `docker exec` would), evaluates, stores and reads a case, and
#      stops the server with SIGTERM.
# Slow (a few minutes), so CI runs it only with POEMSD_CONTAINER_TEST=1.
# DEBIAN_MIRROR overrides the mirror; POEMSD_CONTAINER_KEEP=1 keeps the root.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--inside" ]; then
    # Phase 3, in fresh network, mount and PID namespaces.
    root=$2
    ip link set lo up
    mount -t proc proc "$root/proc"
    # The image's user, working directory and environment (Dockerfile ENV).
    in_image() {
        ${exec:-} chroot --userspec=10001:10001 "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/data POEMSD_HOST=0.0.0.0 POEMSD_PORT=8080 POEMSD_DATABASE=/data/poems.sqlite POEMSD_SHUTDOWN_GRACE=5 \
            POEMSD_NO_BOOTSTRAP_KEY=1 /bin/sh -c 'cd /data && exec "$@"' sh "$@"
    }
    step() { echo "container-test: $*"; }
    fail() { echo "container-test: FAILED: $*" >&2; echo "--- server log ---" >&2; cat "$root/tmp/serve.log" >&2 || true; exit 1; }
    url=http://127.0.0.1:8080

    step "poemsd --version: $(in_image poemsd --version)"
    # exec: the background job is poemsd itself, so that SIGTERM reaches it.
    exec=exec in_image poemsd serve >"$root/tmp/serve.log" 2>&1 &
    server=$!
    # Wait for the event, not for a time: the server's "listening" line.
    timeout 60 grep -q -m1 'listening' <(tail -F -n +1 "$root/tmp/serve.log" 2>/dev/null) || fail "the server did not start"
    step "serve started from /data by bare name (pid $server)"

    in_image poemsd healthcheck || fail "HEALTHCHECK (poemsd healthcheck) failed"
    ready=$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")
    [ "$ready" = 200 ] || fail "/readyz answered $ready"
    step "HEALTHCHECK passes; /readyz 200"
    health=$(curl -s "$url/healthz")
    step "/healthz: $health"

    created=$(in_image poemsd keys create --name container-test --role writer) || fail "keys create: $created"
    token=$(printf '%s\n' "$created" | grep '^poemsd_')
    step "poemsd keys create: ${created%%$'\n'*}"
    auth="Authorization: Bearer $token"

    evaluation=$(curl -s -w '\n%{http_code}' -H "$auth" -H 'Content-Type: application/json' "$url/v1/evaluations" -d '{
      "findings": {"polyneuropathy": true, "monoclonalPlasmaCellDisorder": true, "monoclonalLightChain": "lambda",
                   "scleroticBoneLesions": true, "organomegaly": {"splenomegaly": true}},
      "labs": {"serumVegfPgPerMl": 2400}}')
    [ "${evaluation##*$'\n'}" = 200 ] || fail "POST /v1/evaluations: $evaluation"
    printf '%s' "$evaluation" | grep -q '"verdict"' || fail "no verdict in the evaluation"
    # Keys are sorted: the headline verdict is the top-level one, just before "warnings".
    step "POST /v1/evaluations 200 (headline verdict: $(printf '%s' "$evaluation" | grep -o '"verdict":"[a-z-]*","warnings"' | tail -1 | cut -d'"' -f4))"

    location=$(curl -s -o /dev/null -D - -H "$auth" -H 'Content-Type: application/json' "$url/v1/cases" \
        -d '{"findings": {"polyneuropathy": true}}' | tr -d '\r' | sed -n 's/^Location: //Ip')
    [ -n "$location" ] || fail "POST /v1/cases gave no Location"
    read_back=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$url$location")
    [ "$read_back" = 200 ] || fail "GET $location answered $read_back"
    step "POST /v1/cases 201 ($location); GET 200"

    kill -TERM "$server"
    status=0
    wait "$server" || status=$?
    [ "$status" = 0 ] || fail "poemsd exited with $status after SIGTERM"
    grep -q 'stopped' "$root/tmp/serve.log" || fail "no 'stopped' in the log after SIGTERM"
    if grep -q 'poemsd_' "$root/tmp/serve.log"; then fail "a token appeared in the container's log"; fi
    owner=$(stat -c %u "$root/data/poems.sqlite")
    [ "$owner" = 10001 ] || fail "the database is owned by uid $owner, not the image's user"
    step "SIGTERM: exit 0 after draining; no token in the log; /data/poems.sqlite owned by uid 10001"
    exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "container-test: run as root (debootstrap and chroot need it)" >&2; exit 1; }
scripts/install-dependencies.sh
for tool in debootstrap curl; do
    command -v "$tool" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

# 1. The Dockerfile's build stage: only what its COPY lines copy, then its build command.
build_command="swift build -c release --static-swift-stdlib --product poemsd"
grep -qF "RUN $build_command" Dockerfile || { echo "container-test: the Dockerfile no longer runs '$build_command'; update this script" >&2; exit 1; }
context=.build/container-context
mkdir -p "$context"
find "$context" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
awk '/^FROM /{stage++} stage == 1 && /^COPY / && !/--from/ {print $2, $3}' Dockerfile | while read -r source destination; do
    if [ -d "$source" ]; then
        mkdir -p "$context/$destination" && cp -a "$source/." "$context/$destination/"
    elif [ "${destination%/}" != "$destination" ]; then
        mkdir -p "$context/$destination" && cp -a "$source" "$context/$destination"
    else
        cp -a "$source" "$context/$destination"
    fi
done
(cd "$context" && scripts/install-dependencies.sh && $build_command) >&2

# 2. The Dockerfile's run stage.
packages=$(sed -n 's/^ARG RUNTIME_PACKAGES="\(.*\)"$/\1/p' Dockerfile)
[ -n "$packages" ] || { echo "container-test: no ARG RUNTIME_PACKAGES in the Dockerfile" >&2; exit 1; }
work=$(mktemp -d /tmp/poemsd-container.XXXXXX)
root=$work/root
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    [ "${POEMSD_CONTAINER_KEEP:-}" = 1 ] && echo "container-test: root kept in $root" || rm -rf "$work"
}
trap cleanup EXIT
echo "container-test: debootstrap --variant=minbase bookworm with: $packages"
debootstrap --variant=minbase --include="${packages// /,}" bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
    >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
chroot "$root" useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin poemsd
mkdir -p "$root/data" && chroot "$root" chown poemsd:poemsd /data
install -D "$context/.build/release/poemsd" "$root/usr/local/bin/poemsd"
echo "container-test: root of $(du -sh "$root" | cut -f1); binary linked against: $(chroot "$root" ldd /usr/local/bin/poemsd | awk '{print $1}' | tr '\n' ' ')"

# 3. Run it as the image would.
unshare --net --mount --pid --fork "$0" --inside "$root"
echo "container-test: passed"
