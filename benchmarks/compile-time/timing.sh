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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
harness=$work/harness
javac -d "$harness" "$(dirname "${BASH_SOURCE[0]}")/MainThreadJavac.java"

# "wall cpu main": milliseconds of the fastest of $runs runs of javac "$@" into a fresh $out: elapsed, CPU (user +
# system, all of javac's threads) and CPU of the thread that compiles. The minimum is the least disturbed by other
# work on a shared machine. CPU time counts the JIT's threads, which compete with javac's on a machine of few cores;
# the compiling thread's CPU time is close to what a build waits for on a machine with cores to spare.
best() {
  local best_wall=999999999 best_cpu=999999999 best_main=999999999 times wall cpu main
  times=$(mktemp)
  for _ in $(seq 1 "$runs"); do
    rm -rf "$out" && mkdir -p "$out"
    local start end
    start=$(date +%s%N)
    main=$(/usr/bin/time -f "%U %S" -o "$times" java -Xms8m -cp "$harness" MainThreadJavac -d "$out" "$@")
    end=$(date +%s%N)
    wall=$(( (end - start) / 1000000 ))
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$times")
    (( wall < best_wall )) && best_wall=$wall
    (( cpu < best_cpu )) && best_cpu=$cpu
    (( main < best_main )) && best_main=$main
  done
  rm -f "$times"
  echo "$best_wall $best_cpu $best_main"
}

# Prints the comparison of two "wall cpu main" results over $1 annotated methods.
report() {
  local methods=$1 without=($2) with=($3) k
  local labels=("without the processor" "with the processor" "overhead" "overhead per method")
  printf "  %-24s %10s %10s %16s\n" "" "elapsed" "CPU" "compiling thread"
  printf "  %-24s %7d ms %7d ms %13d ms\n" "${labels[0]}" "${without[@]}"
  printf "  %-24s %7d ms %7d ms %13d ms\n" "${labels[1]}" "${with[@]}"
  printf "  %-24s %7d ms %7d ms %13d ms\n" "${labels[2]}" $(for k in 0 1 2; do echo $(( with[k] - without[k] )); done)
  printf "  %-24s %7.1f ms %7.1f ms %13.1f ms\n" "${labels[3]}" \
    $(for k in 0 1 2; do awk "BEGIN { print (${with[k]} - ${without[k]}) / $methods }"; done)
  echo "  load average before and after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
