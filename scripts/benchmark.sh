#!/usr/bin/env bash
# The performance table of docs/ARCHITECTURE.md ("Performance"), from one run on this machine: read rates of
# the API (wrk, HTTP/1.1 keep-alive, 2 threads, 16 connections) with 100 / 1,000 / 10,000 tasks known (simulated
# engine) beside the empty runtime's rate, start-up time, resident memory with 1,000 tasks known, and RunTask ->
# RUNNING on the real Docker engine beside `docker run -d` and raw sequential create+start. Not a test: prints.
# Usage: scripts/benchmark.sh [--quick]   (--quick: fewer seconds per figure, 100 and 1,000 tasks only)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pick_java
ensure_maven
ensure_docker
command -v wrk >/dev/null 2>&1 || apt_install wrk
[ -x /bin/busybox ] || apt_install busybox-static
cd "$repo_root"
mvn -B -ntp -q package -DskipTests
exec /usr/bin/python3 "$repo_root/scripts/bench/benchmark.py" "$repo_root" "$@"
