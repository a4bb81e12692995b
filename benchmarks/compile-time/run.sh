#!/usr/bin/env bash
# The processor's compile-time cost: javac on one file of N @Differentiable methods, with and without the processor.
# Usage (after `mvn install -DskipTests` at the top): benchmarks/compile-time/run.sh [methods=200] [runs=5]
set -euo pipefail
methods=${1:-200}
runs=${2:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
version=0.1.0-SNAPSHOT
repo=${MAVEN_REPO:-$HOME/.m2/repository}
runtime=$top/runtime/target/autodiff4j-runtime-$version.jar
processor=$top/processor/target/autodiff4j-processor-$version.jar
javapoet=$(ls "$repo"/com/palantir/javapoet/javapoet/*/javapoet-*.jar | grep -v sources | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src/bench"
{
  echo "package bench;"
  echo "import io.github.autodiff4j.Differentiable;"
  echo "public class Many {"
  for i in $(seq 1 "$methods"); do
    cat <<JAVA
  @Differentiable
  static double f$i(double x, double y, double z) {
    double a = Math.sin(x * y) + $i.0 * z;
    double b = Math.exp(-a * a) / (1 + y * y);
    a += Math.log1p(b * b) * Math.sqrt(1 + z * z);
    return a * b + Math.atan2(y, x + 2) - Math.pow(z, 3);
  }
JAVA
  done
  echo "}"
} > "$work/src/bench/Many.java"

# Milliseconds of the fastest of $runs javac runs (the minimum is the least disturbed by a shared machine).
best() {
  local best=999999999
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out" && mkdir -p "$work/out"
    local start end
    start=$(date +%s%N)
    javac -d "$work/out" -cp "$runtime" "$@" "$work/src/bench/Many.java"
    end=$(date +%s%N)
    local ms=$(( (end - start) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  echo "$best"
}

without=$(best -proc:none)
with=$(best -processorpath "$processor:$runtime:$javapoet" -processor io.github.autodiff4j.processor.DifferentiableProcessor)
echo "javac, one file of $methods @Differentiable methods, best of $runs runs:"
echo "  without the processor: ${without} ms"
echo "  with the processor:    ${with} ms (generating and compiling the companion)"
echo "  overhead:              $(( with - without )) ms, $(awk "BEGIN { printf \"%.1f\", ($with - $without) / $methods }") ms per method"
