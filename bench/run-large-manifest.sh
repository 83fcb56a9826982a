#!/usr/bin/env bash
# One large cargo manifest end to end through the gateway with a small heap (issue 6): builds the gateway and
# bench jars, starts the gateway with -Xmx256m and a GC log, submits a ~20 MB MT1101 manifest of 10,000
# containers over HTTP, waits until customs and the port terminal have it, and writes bench/LARGE-MANIFEST.md.
#   bench/run-large-manifest.sh                   build, then the 20 MB / 10,000-container run (about a minute or two)
#   bench/run-large-manifest.sh --no-build        reuse the built jars
#   CONTAINERS=2000 SIZE_MB=4 HEAP=256m bench/run-large-manifest.sh   another size (the report is written only for the defaults)
#   bench/run-large-manifest.sh --jfr             also record JFR (settings=profile) in the diagnostics directory
# Further arguments go to org.casw.bench.e2e.LargeManifestRun (e.g. --gateway-arg --some.property=value,
# --diagnostics DIR to keep the GC log, heap dump and JFR recording in DIR; by default a /tmp/casw-large-manifest-* dir).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done

if [[ $build == 1 ]]; then
  # never `mvn install`: the ~/.m2 SNAPSHOTs are shared; the reactor builds what bench needs
  mvn -B -q -pl bench -am package -DskipTests ${MVN_OFFLINE:+-o}
fi

CONTAINERS=${CONTAINERS:-10000}
SIZE_MB=${SIZE_MB:-20}
HEAP=${HEAP:-256m}
report=()
if [[ $CONTAINERS == 10000 && $SIZE_MB == 20 && $HEAP == 256m ]]; then
  report=(--report bench/LARGE-MANIFEST.md)
fi
command="bench/run-large-manifest.sh${args[*]+ ${args[*]}}"
exec java ${JAVA_OPTS:-} -cp bench/target/bench.jar org.casw.bench.e2e.LargeManifestRun --gateway-jar kit/target/gateway-kit.jar \
  --containers "$CONTAINERS" --size-mb "$SIZE_MB" --heap "$HEAP" --command "$command" "${report[@]+"${report[@]}"}" \
  "${args[@]+"${args[@]}"}"
