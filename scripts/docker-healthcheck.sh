#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The containers' healthcheck, installed in the image as docextract-healthcheck (see docker-compose.yml).
#   docextract-healthcheck api      GET /health on this container's port answers 200 (503 while Redis is down)
#   docextract-healthcheck worker   this container's docextract-worker has written a heartbeat to Redis in the
#                                   last DOCEXTRACT_HEALTH_MAX_AGE seconds (default 10; it beats every 2 s or
#                                   faster), i.e. the process runs, reaches Redis and its password is right
# Exits 0 when healthy, else 1 with the reason on stdout (Docker and podman keep it in the health log).
set -uo pipefail

case "${1:-}" in
api)
    port=${DOCEXTRACT_PORT:-8080}
    # No curl in the image: bash's /dev/tcp is enough for a status line.
    if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
        echo "nothing listens on port $port"
        exit 1
    fi
    printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    status=$(head -n1 <&3)
    [[ $status == *" 200 "* ]] || { echo "/health answered: ${status:-nothing}"; exit 1; }
    ;;
worker)
    url=${DOCEXTRACT_REDIS_URL:-redis://127.0.0.1:6379/0}
    max_age=${DOCEXTRACT_HEALTH_MAX_AGE:-10}
    # The worker's default name is HOST:PID (HOST:PID/N with --threads > 1); DOCEXTRACT_WORKER_NAME replaces it
    # (NAME/N with --threads > 1).
    host=$(cat /proc/sys/kernel/hostname)
    name=${DOCEXTRACT_WORKER_NAME:-}
    cli() { timeout 5 redis-cli -u "$url" --no-auth-warning "$@" 2>&1; }
    now=$(cli TIME | head -n1)
    [[ $now =~ ^[0-9]+$ ]] || { echo "Redis: ${now:-no answer}"; exit 1; }
    while IFS= read -r beat; do
        if [ -n "$name" ]; then
            [[ $beat == "$name" || $beat == "$name"/* ]] && exit 0
        else
            [[ $beat == "$host":* ]] && exit 0
        fi
    done < <(cli ZRANGEBYSCORE docextract:workers $((now - max_age)) +inf)
    echo "no heartbeat from worker ${name:-$host:*} in the last $max_age s"
    exit 1
    ;;
*)
    echo "usage: docextract-healthcheck api|worker" >&2
    exit 2
    ;;
esac
