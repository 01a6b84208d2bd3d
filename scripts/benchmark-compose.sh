#!/usr/bin/env bash
# JMH benchmark of task-definition conversion + merge + write (10 containers). Prints ops/s.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
pick_java
ensure_maven
cd "$repo_root"
# the reactor builds the modules without installing anything
mvn -B -ntp -q -pl runtime -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/bench.classpath)" \
  org.openjdk.jmh.Main ComposeBenchmark "$@"
