#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against the real Docker engine, moto_server, the
# AWS CLI v2 and the AWS SDK for Java. Installs or starts what it needs (JDK check, Maven, Docker engine).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pick_java
ensure_maven
ensure_docker
ensure_test_tools
cd "$repo_root"
exec mvn -B -ntp verify "$@"
