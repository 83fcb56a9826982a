#!/usr/bin/env bash
# Cluster benchmark (issue 20): the declarations workload on one gateway node, then on two sharing this machine's cores, each
# time with a standalone Artemis broker from the distribution and one PostgreSQL (node 1's embedded one; node 2 reaches it
# through spring.datasource.*), submissions spread round-robin over the nodes as a load balancer would. Writes
# bench/CLUSTER.md: rate, latency and the CPU per delivered message of each tier (gateway nodes, broker, PostgreSQL) per step,
# duplicates, and each node count's best rate against one node's (target: 2 nodes >= 90 %).
#   bench/run-cluster.sh                       full run (about 8 minutes: per node count, start, a 60 s warm-up and steps of 20 s)
#   bench/run-cluster.sh --no-build            reuse the built jars
#   LOADS=50,100,max DURATION=30 WARMUP=120 bench/run-cluster.sh   override the steps (fixed rates above the first saturated
#                                              one are skipped)
#   NODES=1,2,3 bench/run-cluster.sh           which node counts
#   SYSTEM=gateway-ecdsa bench/run-cluster.sh  the system's signing profile for CN-CUSTOMS, as in bench/run.sh (gateway,
#                                              gateway-sm2, gateway-ecdsa, gateway-rsa)
#   WORKLOAD=manifests bench/run-cluster.sh    another HTTP workload (the standalone broker takes no party's JMS login)
#   REPORT=/tmp/cluster.md bench/run-cluster.sh   write the report elsewhere (a smoke run should not replace CLUSTER.md)
# BROKER_JAVA_ARGS (default -XX:TieredStopAtLevel=4: the test broker's C1-only setting would inflate the broker's cost) is
# appended to the broker JVM's options (Artemis reads JAVA_ARGS_APPEND).
# JAVA_OPTS=-Dbench.keepData=true keeps the temp dirs and logs (/tmp/casw-bench-*) for a post-mortem.
# Any further arguments go to org.casw.bench.e2e.ClusterDriver (e.g. --gateway-arg --some.property=value, --heap 384m).
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
  # never `mvn install`: the ~/.m2 SNAPSHOTs are shared; the reactor builds what bench needs (and unpacks Artemis)
  mvn -B -q -pl bench -am package -DskipTests ${MVN_OFFLINE:+-o}
fi

artemis_home=$(cd "$(ls -d bench/target/artemis-distribution/apache-artemis-* | tail -n 1)" && pwd)
export JAVA_ARGS_APPEND=${BROKER_JAVA_ARGS:--XX:TieredStopAtLevel=4}

NODES=${NODES:-1,2}
LOADS=${LOADS:-max}
DURATION=${DURATION:-20}
# as bench/run.sh: the JIT compiles a once-per-message method fully only after ~10,000 calls
WARMUP=${WARMUP:-60}
SYSTEM=${SYSTEM:-gateway-sm2}
WORKLOAD=${WORKLOAD:-declarations}
REPORT=${REPORT:-bench/CLUSTER.md}
command="NODES=$NODES SYSTEM=$SYSTEM WORKLOAD=$WORKLOAD LOADS=$LOADS DURATION=$DURATION WARMUP=$WARMUP bench/run-cluster.sh${args[*]+ ${args[*]}}"
java ${JAVA_OPTS:-} -Dcasw.artemis.home="$artemis_home" -cp bench/target/bench.jar org.casw.bench.e2e.ClusterDriver \
  --gateway-jar kit/target/gateway-kit.jar --nodes "$NODES" --system "$SYSTEM" --workload "$WORKLOAD" --loads "$LOADS" \
  --duration "$DURATION" --warmup "$WARMUP" --report "$REPORT" --command "$command" "${args[@]+"${args[@]}"}"
