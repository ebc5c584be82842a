#!/bin/sh
# The image's entrypoint: the Spring Boot launcher on the extracted layers, with JAVA_OPTS
# (word-split on purpose) and any arguments given to the container (--property=value).
# exec: the JVM is PID 1's replacement, so SIGTERM from `docker stop` or the kubelet reaches it
# and Spring Boot's graceful shutdown runs.
set -eu
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp /app org.springframework.boot.loader.launch.JarLauncher "$@"
