#!/usr/bin/env bash
# Start the servers the tests use on 127.0.0.1, installing them with apt-get when absent:
# Redis (127.0.0.1:6379) for the shared-crawl tests (tests/test_frontier.py), and PostgreSQL
# (user postgres, trust auth on 127.0.0.1) for the PostgreSQL records-store tests.
# Safe to run again: does nothing when both already answer. Run as root (as CI does).
# The README's test command and .ci/run both call it, so they stay one command.
set -euo pipefail

redis_answers() {
    [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]
}

if ! redis_answers; then
    if ! command -v redis-server >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    fi
    # its own process, not the distribution's service: no systemd in containers
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
    for _ in $(seq 1 40); do
        redis_answers && break
        sleep 0.25
    done
    if ! redis_answers; then
        echo "tests/services.sh: Redis did not answer on 127.0.0.1:6379" >&2
        exit 1
    fi
fi

pg_answers() {
    psql -w -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1
}

if pg_answers; then
    exit 0
fi
if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ ! -d "/etc/postgresql/$version/main" ]; then
    pg_createcluster "$version" main >/dev/null
fi
hba="/etc/postgresql/$version/main/pg_hba.conf"
# The first matching pg_hba line wins: put ours first. Trust only for user postgres from
# 127.0.0.1: the tests create and drop their own databases as that user.
if ! grep -qE '^host[[:space:]]+all[[:space:]]+postgres[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    sed -i '1i host all postgres 127.0.0.1/32 trust  # newsarchive tests (tests/services.sh)' "$hba"
fi
if pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
else
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 60); do
    if pg_answers; then
        exit 0
    fi
    sleep 0.5
done
echo "tests/services.sh: PostgreSQL $version did not answer on 127.0.0.1:5432 as user postgres" >&2
exit 1
