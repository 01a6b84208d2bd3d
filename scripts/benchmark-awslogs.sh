#!/usr/bin/env bash
# awslogs benchmark on the real engine: lines per second delivered into the embedded CloudWatch Logs for one
# container writing as fast as it can, against docker logs reading the same container, and the runtime CPU
# delivery adds. Usage: scripts/benchmark-awslogs.sh [lines]. Prints the figures; not a test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pick_java
ensure_maven
ensure_docker
ensure_test_tools
cd "$repo_root"
# the reactor builds the modules and the plugins' classes (development mode) without installing anything
mvn -B -ntp -q -pl '!distribution' test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Dproject.root="$repo_root" -Djava.util.logging.config.file=/dev/null \
  -cp "runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/bench.classpath)" \
  dev.localecs.runtime.bench.AwslogsBenchmark "$@"
