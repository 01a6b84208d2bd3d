#!/usr/bin/env bash
# Task benchmark on the real engine: RunTask->RUNNING vs raw docker-java vs docker-compose up -d, and
# DescribeTasks scaling. Prints the figures; not a test.
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
  dev.localecs.runtime.bench.TaskBenchmark "$@"
