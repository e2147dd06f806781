#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Docker image with Debian's podman, runs docker-compose.yml (api, two workers, Redis with a password)
# and extracts three golden samples through the API (an image, a PDF with a text layer, a scanned PDF), checking
# their fields against tests/golden/*.expected.json.
# Exits non-zero with a message naming the step that failed. Run as root (rootful podman, debootstrap):
#   scripts/docker-smoke.sh               prepare (idempotent), build, up, extract, check, down
#   scripts/docker-smoke.sh --prepare     only the preparation: packages, containers.conf, base images
#   scripts/docker-smoke.sh --keep        leave the containers running at the end (then: see the last lines)
#   scripts/docker-smoke.sh --no-build    use the docextract:latest there is (when only the compose file changed)
#   scripts/docker-smoke.sh --down        only take down what a --keep run left
# No container registry is needed: debian:12 is made with debootstrap from the apt mirror this machine uses and
# redis:7-bookworm from Debian's redis-server on top of it. podman reads its settings from $state/containers.conf
# (CONTAINERS_CONF), the host's /etc/containers is not changed. docs/http-service.md, "Docker and compose".
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${DOCEXTRACT_DOCKER_STATE:-${XDG_CACHE_HOME:-$HOME/.cache}/docextract-docker}
project=${DOCEXTRACT_DOCKER_PROJECT:-docextract-smoke}
image=docextract:latest
prepare_only=0
keep=0
build=1
down_only=0
for arg in "$@"; do
    case "$arg" in
    --prepare) prepare_only=1 ;;
    --keep) keep=1 ;;
    --no-build) build=0 ;;
    --down) down_only=1 ;;
    -h | --help) awk 'NR > 2 && /^#/ {sub(/^# ?/, ""); print; next} NR > 2 {exit}' "$0"; exit 0 ;;
    *) echo "docker-smoke: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

step() { printf 'docker-smoke: %s\n' "$*"; }
fail() {
    printf 'docker-smoke: FAILED: %s\n' "$*" >&2
    exit 1
}

[ "$(id -u)" -eq 0 ] || fail "run as root: rootful podman and debootstrap need it"

# --- prepare ---------------------------------------------------------------------------------------------------
tools=(podman buildah podman-compose debootstrap runc curl jq)
missing=()
for t in "${tools[@]}"; do command -v "$t" >/dev/null || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
    step "missing ${missing[*]}: scripts/install-deps.sh --docker"
    "$repo/scripts/install-deps.sh" --docker || fail "scripts/install-deps.sh --docker"
fi

mkdir -p "$state"
# crun and podman's default ulimits fail on these machines (no systemd, cgroup v1): runc, cgroupfs, file events.
cat >"$state/containers.conf.new" <<'EOF'
# Written by scripts/docker-smoke.sh.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
mv "$state/containers.conf.new" "$state/containers.conf"
export CONTAINERS_CONF="$state/containers.conf"

# The Debian mirror apt uses here (deb822 .sources or one-line sources.list), for debootstrap and the image.
apt_uris() {
    { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{for (i = 2; i <= NF; i++) print $i}'
      grep -hsE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
          sed -E 's/\[[^]]*\]//' | awk '{print $2}'; } | sed 's:/*$::'
}
mirror=${DEBIAN_MIRROR:-$(apt_uris | grep -m1 -E '/debian$' || true)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-$(apt_uris | grep -m1 -E '/debian-security$' || true)}
security=${security:-http://deb.debian.org/debian-security}

if podman image exists debian:12; then
    step "base image debian:12 exists"
else
    step "making debian:12 with debootstrap --variant=minbase bookworm from $mirror"
    rootfs="$state/rootfs"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$state/debootstrap.log" 2>&1 ||
        fail "debootstrap (log: $state/debootstrap.log)"
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
        "$mirror" "$mirror" "$security" >"$rootfs/etc/apt/sources.list"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | podman import --change 'CMD ["bash"]' - debian:12 >/dev/null 2>&1 ||
        fail "podman import of the debootstrap tree as debian:12"
    rm -rf "$rootfs"
fi

if podman image exists redis:7-bookworm; then
    step "image redis:7-bookworm exists"
else
    # Stands in for the official image compose names: Debian's redis-server, run as redis, data in /data.
    step "making redis:7-bookworm from Debian's redis-server"
    if ! podman build -t redis:7-bookworm -f - "$state" >"$state/redis-build.log" 2>&1 <<'EOF'; then
FROM debian:12
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server \
 && apt-get clean && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
EXPOSE 6379
CMD ["redis-server", "--protected-mode", "no"]
EOF
        fail "building redis:7-bookworm (log: $state/redis-build.log)"
    fi
fi
[ "$prepare_only" -eq 0 ] || { step "prepared"; exit 0; }
project_label="label=io.podman.compose.project=$project"

# --- the project's containers ----------------------------------------------------------------------------------
compose() { podman-compose -p "$project" -f "$repo/docker-compose.yml" "$@"; }
containers() { podman ps -a --filter "$project_label" --format '{{.Names}}' | sort; }
down() {
    # Containers first, with their anonymous volumes (the image's VOLUME in the workers): compose down -v removes
    # only the named ones. podman-compose 1.0.3 leaves the project's network behind.
    local running
    running=$(containers)
    if [ -n "$running" ]; then
        podman stop -t 15 $running >>"$state/compose.log" 2>&1 || true
        podman rm -f -v $running >>"$state/compose.log" 2>&1 || true
    fi
    compose down -v >>"$state/compose.log" 2>&1 || true
    ! podman network exists "${project}_default" || podman network rm "${project}_default" >/dev/null 2>&1 || true
}
if [ "$down_only" -eq 1 ]; then
    export DOCEXTRACT_REDIS_PASSWORD=${DOCEXTRACT_REDIS_PASSWORD:-unused} # compose wants one to read the file
    down
    [ -z "$(containers)" ] || fail "containers left behind: $(containers | tr '\n' ' ')"
    step "down: no container, volume or network of $project is left"
    exit 0
fi

# --- build -----------------------------------------------------------------------------------------------------
# Layer cache: only a change to the sources (or install-deps.sh) compiles again; the runtime stage is cheap.
if [ "$build" -eq 1 ]; then
    step "building $image (log: $state/build.log)"
    start=$SECONDS
    if ! nice -n 10 podman build -t "$image" "$repo" >"$state/build.log" 2>&1; then
        tail -n 30 "$state/build.log" >&2
        fail "podman build (log: $state/build.log)"
    fi
    step "built in $((SECONDS - start)) s"
else
    podman image exists "$image" || fail "--no-build: there is no $image"
fi
size_bytes=$(podman image inspect -f '{{.Size}}' "$image")
size_mb=$((size_bytes / 1000000))
step "podman images: $(podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$image")"
max_mb=${DOCEXTRACT_IMAGE_MAX_MB:-400}
[ "$size_mb" -le "$max_mb" ] || fail "image is $size_mb MB, more than $max_mb MB (DOCEXTRACT_IMAGE_MAX_MB)"

# --- up --------------------------------------------------------------------------------------------------------
export DOCEXTRACT_REDIS_PASSWORD=${DOCEXTRACT_REDIS_PASSWORD:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
free_port() {
    local p
    for p in $(seq 18080 18180); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
    return 1
}
if [ -z "${DOCEXTRACT_HTTP_PORT:-}" ]; then
    DOCEXTRACT_HTTP_PORT=$(free_port) || fail "no free port in 18080-18180"
fi
export DOCEXTRACT_HTTP_PORT
base="http://127.0.0.1:$DOCEXTRACT_HTTP_PORT"
finish() {
    local rc=$?
    if [ "$rc" -ne 0 ] && [ -n "$(containers)" ]; then
        for c in $(containers); do
            echo "--- podman logs $c (last 20 lines)" >&2
            podman logs --tail 20 "$c" >&2 2>&1 || true
        done
    fi
    if [ "$keep" -eq 1 ]; then
        step "--keep: containers left running, API on $base, Redis password $DOCEXTRACT_REDIS_PASSWORD;" \
            "take them down with: $0 --down"
    else
        down
        [ -z "$(containers)" ] || echo "docker-smoke: containers left behind: $(containers | tr '\n' ' ')" >&2
        ! podman network exists "${project}_default" || echo "docker-smoke: network ${project}_default left behind" >&2
    fi
    exit "$rc"
}
down # whatever an earlier --keep run left
trap finish EXIT
step "compose up: api, 2 workers, redis; API on $base (log: $state/compose.log)"
compose up -d >"$state/compose.log" 2>&1 || fail "podman-compose up (log: $state/compose.log)"

mapfile -t names < <(containers)
expect=("${project}_api_1" "${project}_redis_1" "${project}_worker_1" "${project}_worker_2")
[ "${names[*]}" = "${expect[*]}" ] || fail "containers are '${names[*]}', expected '${expect[*]}'"
for c in "${names[@]}"; do
    [ "$(podman inspect -f '{{.State.Running}}' "$c")" = true ] || fail "container $c is not running"
    memory=$(podman inspect -f '{{.HostConfig.Memory}}' "$c")
    [ "${memory:-0}" -gt 0 ] || fail "container $c has no memory limit"
done

# /health answers, in Redis mode, and has seen both workers' heartbeats.
deadline=$((SECONDS + 120))
health=""
until health=$(curl -sf --max-time 5 "$base/health") &&
    [ "$(jq -r '.backend' <<<"$health")" = redis ] && [ "$(jq -r '.workers_seen' <<<"$health")" -ge 2 ]; do
    [ $SECONDS -lt $deadline ] || fail "/health not 200 with backend redis and 2 workers within 120 s: ${health:-no answer}"
    sleep 2
done
step "/health: $health"

# Every container's own healthcheck passes (podman without systemd does not schedule them: run them here).
for c in "${names[@]}"; do
    deadline=$((SECONDS + 60))
    until out=$(podman healthcheck run "$c" 2>&1); do
        [ $SECONDS -lt $deadline ] || fail "healthcheck of $c: ${out:-unhealthy}"
        sleep 2
    done
done
step "healthchecks pass: ${names[*]}"

# Redis wants the password and has maxmemory set.
redis=${project}_redis_1
noauth=$(podman exec "$redis" env -u REDISCLI_AUTH redis-cli ping 2>&1 || true)
[[ $noauth == *NOAUTH* ]] || fail "Redis answered without a password: $noauth"
maxmemory=$(podman exec "$redis" redis-cli config get maxmemory | tail -n1)
[ "${maxmemory:-0}" -gt 0 ] || fail "Redis has no maxmemory: ${maxmemory:-no answer}"
step "Redis: refuses clients without the password, maxmemory $maxmemory bytes"

# --- extract ---------------------------------------------------------------------------------------------------
# An image (OCR), a PDF with a text layer and a scanned PDF (poppler renders it, then OCR): each path through the
# image's libraries.
for name in invoice.png invoice_text.pdf invoice_scan.pdf; do
    sample=$repo/tests/golden/$name
    expected=$repo/tests/golden/${name%.*}.expected.json
    start=$SECONDS
    reply=$(curl -sS --max-time 30 -w '\n%{http_code}' -F "file=@$sample" "$base/extract") || fail "POST /extract: $reply"
    code=$(tail -n1 <<<"$reply")
    body=$(sed '$d' <<<"$reply")
    [ "$code" = 202 ] || fail "POST /extract of $name answered $code: $body"
    job=$(jq -r '.job_id' <<<"$body")
    deadline=$((SECONDS + 300))
    while :; do
        result=$(curl -sf --max-time 10 "$base/result/$job") || fail "GET /result/$job ($name) failed"
        status=$(jq -r '.status' <<<"$result")
        case "$status" in
        done) break ;;
        failed) fail "job $job ($name) failed: $(jq -c '.error' <<<"$result")" ;;
        esac
        [ $SECONDS -lt $deadline ] || fail "job $job ($name) still '$status' after 300 s"
        sleep 1
    done
    mismatches=$(jq -rn --argjson want "$(cat "$expected")" --argjson got "$result" '
        $want | to_entries[] | select($got.result.fields[.key].value != .value)
        | "\(.key): expected \(.value | tojson), got \($got.result.fields[.key].value | tojson)"')
    [ -z "$mismatches" ] || fail "$name: fields differ from $(basename "$expected"):"$'\n'"$mismatches"
    step "$name: done in $((SECONDS - start)) s, fields as in $(basename "$expected"):" \
        "$(jq -c '[.result.fields | to_entries[] | {(.key): .value.value}] | add' <<<"$result")"
done

# A full Redis (noeviction) refuses the job and /extract answers 503: maxmemory lowered below what Redis uses for a
# moment, then set back (the rate limit allows these two uploads after the three above).
podman exec "$redis" redis-cli config set maxmemory 1 >/dev/null || fail "CONFIG SET maxmemory 1"
code=$(curl -s -o "$state/full.json" -w '%{http_code}' --max-time 30 -F "file=@$repo/tests/golden/invoice.png" \
    "$base/extract" || true)
podman exec "$redis" redis-cli config set maxmemory "$maxmemory" >/dev/null || fail "CONFIG SET maxmemory back"
[ "$code" = 503 ] || fail "POST /extract with Redis full answered ${code:-nothing}, not 503: $(cat "$state/full.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -F "file=@$repo/tests/golden/invoice.png" "$base/extract" ||
    true)
[ "$code" = 202 ] || fail "POST /extract after maxmemory was set back answered ${code:-nothing}, not 202"
step "Redis full: /extract 503; with maxmemory back: 202"

# The healthchecks can fail: with Redis stopped the API's /health is 503 and no worker heartbeat gets through;
# once Redis is back both pass again.
healthy() { podman healthcheck run "$1" >/dev/null 2>&1; }
# (podman logs that it cannot reach systemd to unschedule and reschedule them: there is none here.)
podman stop -t 10 "$redis" >/dev/null 2>>"$state/compose.log" || fail "podman stop $redis"
deadline=$((SECONDS + 60))
for c in "${project}_api_1" "${project}_worker_1" "${project}_worker_2"; do
    while healthy "$c"; do
        [ $SECONDS -lt $deadline ] || fail "healthcheck of $c still passes 60 s after Redis stopped"
        sleep 2
    done
done
step "Redis stopped: the api and worker healthchecks fail"
podman start "$redis" >/dev/null 2>>"$state/compose.log" || fail "podman start $redis"
deadline=$((SECONDS + 90))
for c in "${names[@]}"; do
    until healthy "$c"; do
        [ $SECONDS -lt $deadline ] || fail "healthcheck of $c still fails 90 s after Redis came back"
        sleep 2
    done
done
step "Redis started again: every healthcheck passes"
step "memory in use: $(podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' "${names[@]}" | tr '\n' ';')"
step "passed"
