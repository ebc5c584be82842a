#!/usr/bin/env bash
# Runs the coordination benchmark (ClusterBenchmark): three member JVMs on loopback plus the
# load generator, about two minutes. Usage: coordination-service/server/bench.sh [seconds-per-phase]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o -pl coordination-service/server test-compile
cp_file=$(mktemp)
./mvnw -q -o -pl coordination-service/server dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test
java_bin=$(ls -d /usr/lib/jvm/*-2[1-9]*/bin/java 2>/dev/null | sort -V | tail -1)
java_bin=${JAVA_BIN:-${java_bin:-java}}
module=coordination-service/server
exec "$java_bin" -Dbench.seconds="${1:-8}" -Dmembers.production-jvm=true \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
  dev.distsys.coordination.server.cluster.ClusterBenchmark
