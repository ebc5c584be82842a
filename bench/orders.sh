#!/usr/bin/env bash
# Places orders against the running local platform and reports completed orders/s, end-to-end
# latency percentiles and the outbox lag. Start the platform first (README, Quick start).
# Usage: bench/orders.sh [--orders=N] [--concurrency=C] [--direct] ...   (--help for all)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-home.sh >/dev/null
./mvnw -q -o -pl platform -am -DskipTests -Dspring-javaformat.skip=true install >/dev/null 2>&1 \
    || ./mvnw -q -pl platform -am -DskipTests install
./mvnw -q -o -pl platform dependency:build-classpath -Dmdep.outputFile="$PWD/platform/target/classpath.txt" >/dev/null
exec "$JAVA_HOME/bin/java" -cp "platform/target/classes:$(cat platform/target/classpath.txt)" \
    dev.distsys.platform.bench.OrderLoadGenerator "$@"
