#!/usr/bin/env bash
# Builds the distribution and runs the service on http://localhost:8000 with the embedded defaults
# (local task-definition registry, no AWS account needed). Installs or starts what it needs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pick_java
ensure_maven
ensure_docker
cd "$repo_root"
mvn -B -ntp -q package -DskipTests
exec "$repo_root/distribution/target/local-ecs-api/bin/local-ecs-api" "$@"
