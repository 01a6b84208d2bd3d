#!/usr/bin/env bash
# Service benchmark: CreateService(desiredCount 10) -> steady state vs 10 parallel RunTasks on the real engine,
# and the scheduler's CPU with 50 idle services (simulated engine). Prints the figures; not a test.
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
  dev.localecs.runtime.bench.ServiceBenchmark "$@"
