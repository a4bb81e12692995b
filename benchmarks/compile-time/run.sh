#!/usr/bin/env bash
# The processor's compile-time cost: javac on one file of N @Differentiable methods, with and without the processor.
# Usage (after `mvn -q package -DskipTests` at the top): benchmarks/compile-time/run.sh [methods=200] [runs=5]
# See also samples.sh, the same measure on the samples module.
set -euo pipefail
methods=${1:-200}
runs=${2:-5}
source "$(dirname "$0")/timing.sh"
out=$work/out

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

without=$(best -cp "$runtime" -proc:none "$work/src/bench/Many.java")
with=$(best -cp "$runtime" "${with_processor[@]}" "$work/src/bench/Many.java")
echo "javac, one file of $methods @Differentiable methods, best of $runs runs (generating and compiling the companion):"
report "$methods" "$without" "$with"
