# Shared by run.sh and samples.sh: the jars javac needs and a best-of-N timer. Source it; do not run it.
version=0.1.0-SNAPSHOT
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
repo=${MAVEN_REPO:-$HOME/.m2/repository}
runtime=$top/runtime/target/autodiff4j-runtime-$version.jar
# PROCESSOR_JAR compares another build of the processor (a copy of an earlier jar, say) on the same input.
processor=${PROCESSOR_JAR:-$top/processor/target/autodiff4j-processor-$version.jar}
javapoet=$(ls "$repo"/com/palantir/javapoet/javapoet/*/javapoet-*.jar | grep -v sources | tail -1)
with_processor=(-processorpath "$processor:$runtime:$javapoet"
  -processor io.github.autodiff4j.processor.DifferentiableProcessor)
for jar in "$runtime" "$processor"; do
  [[ -f $jar ]] || { echo "missing $jar: run 'mvn -q package -DskipTests' at the top first" >&2; exit 1; }
done

# "wall cpu": milliseconds of the fastest of $runs runs of javac "$@" into a fresh $out, by elapsed time and by CPU
# time (user + system, all of javac's threads). The minimum is the least disturbed by other work on a shared machine;
# CPU time is disturbed less than elapsed time but counts the JIT's threads too.
best() {
  local best_wall=999999999 best_cpu=999999999 times
  times=$(mktemp)
  for _ in $(seq 1 "$runs"); do
    rm -rf "$out" && mkdir -p "$out"
    local start end wall cpu
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$times" javac -d "$out" "$@"
    end=$(date +%s%N)
    wall=$(( (end - start) / 1000000 ))
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$times")
    (( wall < best_wall )) && best_wall=$wall
    (( cpu < best_cpu )) && best_cpu=$cpu
  done
  rm -f "$times"
  echo "$best_wall $best_cpu"
}

# Prints the comparison of two "wall cpu" results over $1 annotated methods.
report() {
  local methods=$1 without=($2) with=($3)
  printf "  %-24s %8s %8s\n" "" "wall" "cpu"
  printf "  %-24s %6d ms %6d ms\n" "without the processor" "${without[0]}" "${without[1]}"
  printf "  %-24s %6d ms %6d ms\n" "with the processor" "${with[0]}" "${with[1]}"
  printf "  %-24s %6d ms %6d ms\n" "overhead" $(( with[0] - without[0] )) $(( with[1] - without[1] ))
  printf "  %-24s %8.1f ms %5.1f ms\n" "overhead per method" \
    "$(awk "BEGIN { print (${with[0]} - ${without[0]}) / $methods }")" \
    "$(awk "BEGIN { print (${with[1]} - ${without[1]}) / $methods }")"
  echo "  load average before and after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
