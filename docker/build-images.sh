#!/usr/bin/env bash
# Builds every image of the platform, tagged with the project version (distsys/<artifactId>:<version>).
#
#   docker/build-images.sh            # jars (./mvnw -DskipTests package), then `docker build` of each
#   docker/build-images.sh --jib      # no Docker engine needed: Jib writes OCI tarballs to
#                                     # <module>/target/jib-image.tar (load them with `docker load`,
#                                     # `kind load image-archive` or push them with crane/skopeo)
#   REGISTRY=registry.example.com/distsys docker/build-images.sh --push
#
# Jib images have no HEALTHCHECK (the OCI image format has none): docker-compose.yml and the
# Kubernetes probes declare their own, so both kinds of image work with them.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=docker
push=false
for arg in "$@"; do
  case "$arg" in
    --jib) mode=jib ;;
    --push) push=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

registry="${REGISTRY:-distsys}"
version="$(./mvnw -q help:evaluate -Dexpression=project.version -DforceStdout)"
jre_image="eclipse-temurin:21.0.7_6-jre-noble"

# module directory | artifactId | server.port (kept equal to each application.yml by deploy's tests)
modules=(
  "order-service|order-service|8081"
  "inventory-service|inventory-service|8082"
  "payment-service|payment-service|8083"
  "shipping-service|shipping-service|8084"
  "gateway|gateway|8080"
  "coordination-service/server|coordination-server|9101"
)

./mvnw -q -DskipTests -pl "$(IFS=,; for m in "${modules[@]}"; do printf '%s,' "${m%%|*}"; done | sed 's/,$//')" -am package

for entry in "${modules[@]}"; do
  IFS='|' read -r module artifact port <<<"$entry"
  image="${registry}/${artifact}:${version}"
  echo "== ${image}"
  if [[ "$mode" == jib ]]; then
    ./mvnw -q -pl "$module" com.google.cloud.tools:jib-maven-plugin:3.5.2:buildTar \
      -Djib.from.image="$jre_image" \
      -Djib.to.image="$image" \
      -Djib.container.user=10001:10001 \
      -Djib.container.ports="$port" \
      -Djib.container.jvmFlags="-XX:MaxRAMPercentage=75,-XX:InitialRAMPercentage=25,-XX:+ExitOnOutOfMemoryError" \
      -Djib.container.environment="APP_PORT=${port},TMPDIR=/tmp" \
      -Djib.outputPaths.tar="target/jib-image.tar"
  else
    docker build -f docker/Dockerfile \
      --build-arg MODULE="$module" --build-arg ARTIFACT="$artifact" \
      --build-arg VERSION="$version" --build-arg APP_PORT="$port" \
      -t "$image" .
    if [[ "$push" == true ]]; then
      docker push "$image"
    fi
  fi
done
