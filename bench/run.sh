#!/usr/bin/env bash
# End-to-end benchmark: builds the gateway and bench jars, runs the gateway (once per signing profile) and the naive
# baseline through the same load driver, and writes bench/REPORT.md and bench/latency.png.
#   bench/run.sh                      full run (about 25-30 minutes: each system starts, then per workload a 60 s warm-up and
#                                     steps of 20 s; fixed rates above the first saturated one are skipped)
#   bench/run.sh --smoke              a few seconds per step at 10 msg/s, no report (what `mvn verify` also runs)
#   bench/run.sh --no-build ...       reuse the built jars
#   LOADS=50,100,250,max DURATION=30 WARMUP=15 bench/run.sh    override the steps
#   SYSTEMS=gateway-ecdsa,baseline bench/run.sh                which systems, each name[:workload+workload...]:
#       gateway        agreement defaults (CN-CUSTOMS signed cn-eport-sm2)
#       gateway-sm2, gateway-ecdsa, gateway-rsa   --gateway.partners.CN-CUSTOMS.signatures.sign-with=cn-eport-sm2 /
#                      xmldsig-ecdsa-sha256 / xmldsig-rsa-sha256 (each its own gateway)
#       baseline       the naive Camel route, declarations over HTTP only, signs ECDSA P-256
#   workloads: declarations (HTTP, DEMO-ENTERPRISE -> CN-CUSTOMS), manifests (MT1101, HTTP, PORT-QINZHOU -> CN-CUSTOMS),
#       certificates (CSFTA CN->SG, HTTP, CN-CUSTOMS SM2-signed as issuer -> SG-NSW), certificates-th (RCEP CN->TH, CN-CUSTOMS -> TH-NSW as ASW-ECO),
#       manifests-jms (MT1101, PORT-QINZHOU on sw.in.port),
#       rail-manifests-jms (MT1401, RAIL-QINZHOU on sw.in.rail); a system without its own list runs WORKLOADS (declarations)
#   SIGN_WITH=xmldsig-ecdsa-sha256 bench/run.sh   every gateway signs for CN-CUSTOMS with this profile (overrides the names)
# bench/run.sh --stages bench/target/stages   records each gateway with JFR and adds a stage-cost table (µs per message) per step
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

driver=(java ${JAVA_OPTS:-} -cp bench/target/bench.jar org.casw.bench.e2e.LoadDriver --gateway-jar kit/target/gateway-kit.jar)
if [[ -n ${SIGN_WITH:-} ]]; then
  # checked like the names: every delivery to CN-CUSTOMS must carry this profile's SignatureMethod
  driver+=(--gateway-arg "--gateway.partners.CN-CUSTOMS.signatures.sign-with=$SIGN_WITH")
fi
if [[ $smoke == 1 ]]; then
  # declarations on both systems, plus one certificate step (SG-NSW) and one JMS step on the gateway
  exec "${driver[@]}" --systems gateway:declarations+certificates+manifests-jms,baseline --loads 10 --duration 3 --warmup 0 \
    --drain 60 --heap 384m "${args[@]+"${args[@]}"}"
fi

LOADS=${LOADS:-25,50,100,250,max}
DURATION=${DURATION:-20}
# a minute of closed-loop load per workload first: the JIT compiles a once-per-message method fully only after
# ~10,000 calls, and a cold gateway measured ~16 ms of CPU per declaration against ~9 ms once warm
WARMUP=${WARMUP:-60}
SYSTEMS=${SYSTEMS:-gateway-sm2:declarations+manifests+certificates+certificates-th+manifests-jms+rail-manifests-jms,gateway-ecdsa,gateway-rsa,baseline}
WORKLOADS=${WORKLOADS:-declarations}
command="${SIGN_WITH:+SIGN_WITH=$SIGN_WITH }SYSTEMS=$SYSTEMS WORKLOADS=$WORKLOADS LOADS=$LOADS DURATION=$DURATION WARMUP=$WARMUP bench/run.sh${args[*]+ ${args[*]}}"
"${driver[@]}" --systems "$SYSTEMS" --workloads "$WORKLOADS" --loads "$LOADS" --duration "$DURATION" --warmup "$WARMUP" \
  --report bench/REPORT.md --chart bench/latency.png --command "$command" "${args[@]+"${args[@]}"}"
