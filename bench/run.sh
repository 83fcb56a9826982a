#!/usr/bin/env bash
# End-to-end benchmark: builds the gateway and bench jars, runs the gateway and the naive baseline
# through the same load driver, and writes bench/REPORT.md and bench/latency.png.
#   bench/run.sh                      full run (about 6-8 minutes: each system starts, warms up 10 s, then steps of 20 s; fixed rates above the first saturated one are skipped)
#   bench/run.sh --smoke              a few seconds per system at 10 msg/s, no report (what `mvn verify` also runs)
#   bench/run.sh --no-build ...       reuse the built jars
#   LOADS=50,100,250,max DURATION=30 WARMUP=15 bench/run.sh    override the steps
#   SIGN_WITH=xmldsig-ecdsa-sha256 bench/run.sh   gateway signs for CN-CUSTOMS with this identity instead of its
#                                     agreement's (cn-eport-sm2); also xmldsig-rsa-sha256. The baseline signs ECDSA P-256.
# JAVA_OPTS=-Dbench.keepData=true keeps each system's temp dir and log (/tmp/casw-bench-*) for a post-mortem.
# Any further arguments go to org.casw.bench.e2e.LoadDriver (e.g. --gateway-arg --some.property=value).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
smoke=0
args=()
for a in "$@"; do
  case "$a" in
    --smoke) smoke=1 ;;
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done

if [[ $build == 1 ]]; then
  # never `mvn install`: the ~/.m2 SNAPSHOTs are shared; the reactor builds what bench needs
  mvn -B -q -pl bench -am package -DskipTests ${MVN_OFFLINE:+-o}
fi

driver=(java ${JAVA_OPTS:-} -cp bench/target/bench.jar org.casw.bench.e2e.LoadDriver --gateway-jar gateway/target/gateway.jar)
if [[ -n ${SIGN_WITH:-} ]]; then
  driver+=(--gateway-arg "--gateway.partners.CN-CUSTOMS.signatures.sign-with=$SIGN_WITH")
fi
if [[ $smoke == 1 ]]; then
  exec "${driver[@]}" --systems gateway,baseline --loads 10 --duration 3 --warmup 0 --drain 60 --heap 384m "${args[@]+"${args[@]}"}"
fi

LOADS=${LOADS:-10,25,50,100,250,max}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
command="${SIGN_WITH:+SIGN_WITH=$SIGN_WITH }LOADS=$LOADS DURATION=$DURATION WARMUP=$WARMUP bench/run.sh${args[*]+ ${args[*]}}"
"${driver[@]}" --systems gateway,baseline --loads "$LOADS" --duration "$DURATION" --warmup "$WARMUP" \
  --report bench/REPORT.md --chart bench/latency.png --command "$command" "${args[@]+"${args[@]}"}"
