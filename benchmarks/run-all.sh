#!/usr/bin/env bash
# Every benchmark, in one quick JMH run: the function, our derivatives and the peers' (Hipparchus Gradient and
# DerivativeStructure, central differences, hand-written gradients) on Rosenbrock, ADBench GMM (both shapes: the
# rewrite and the C++ reference's), logistic regression, the samples' perceptron, ADBench LSTM (both shapes) and
# Black-Scholes; then the ratios from that one run, as Markdown
# (target/ratios.md, also printed) and an SVG chart of gradient/function against problem size (target/ratios.svg).
# Report ratios, not absolute times: the machine is shared, and only ratios taken within one run carry over.
#
# Needs only a JDK and Maven. Build first, at the top of the repository:
#   mvn install -DskipTests          (packages benchmarks/target/benchmarks.jar; the build runs no benchmark)
# Usage:
#   benchmarks/run-all.sh [JMH options and benchmark names...]
# The quick profile lives in the benchmark classes' annotations: one fork (with -Xmn256m, see Peers), 3 warm-up and
# 5 measured iterations of 0.5 s, and 8 + 5 iterations of 1 s for the GMM gradients, whose one big generated method
# the JIT needs seconds to settle on. 98 benchmarks and sizes: about 9 min 40 s on this 2-core machine, SelfCheck
# included (7 min 17 s measured for the 82 before ReferenceGmmBench and ReferenceLstmBench, which add 2 min 20 s by
# their profile).
# Options given override it, e.g.
#   benchmarks/run-all.sh GmmBench                             (one class: a regular expression on the names)
#   benchmarks/run-all.sh RosenbrockBench.gradientInPlace -p n=1000 -prof gc    (bytes allocated per call)
#   benchmarks/run-all.sh -f 3 -wi 5 -i 10                     (a longer, steadier run)
# Sizes: -p n=... restricts our own Rosenbrock benchmarks, -p nPeers=... Hipparchus and central differences,
# -p nJvps=... the gradient by n JVPs, -p file=... the GMM files.
# Environment: RESULT=path of the JSON result (default benchmarks/target/results.json); REPORT=path of the report
# without extension (default benchmarks/target/ratios: ratios.md and ratios.svg; a partial run overwrites them);
# CHECK=no skips SelfCheck, which first computes once what every benchmark claims to and compares it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")/data/adbench
jar=$here/target/benchmarks.jar
result=${RESULT:-$here/target/results.json}
report=${REPORT:-$here/target/ratios}
if [[ ! -f $jar ]]; then
  echo "$jar not found: run 'mvn install -DskipTests' at the top of the repository first" >&2
  exit 1
fi
# All benchmarks unless the caller names some (an argument that is neither an option nor an option's value).
# RecursionBench and ParticleBench have their own commands and tables (benchmarks/README.md, "Recursion" and
# "Records against arrays").
pattern=('io\.github\.autodiff4j\.benchmarks\.(?!RecursionBench|ParticleBench)')
previous=
for arg in "$@"; do
  if [[ $arg != -* ]] && { [[ $previous != -* ]] || [[ $previous =~ ^-(l|lp|lprof|lrf|h)$ ]]; }; then
    pattern=()
  fi
  previous=$arg
done
start=$(date +%s)
if [[ ${CHECK:-yes} != no ]]; then
  mkdir -p "$here/target"
  java -Dadbench.dir="$data" -cp "$jar" io.github.autodiff4j.benchmarks.SelfCheck > "$here/target/selfcheck.txt" \
    || { cat "$here/target/selfcheck.txt"; exit 1; }
  tail -1 "$here/target/selfcheck.txt"
fi
# The forks inherit -Dadbench.dir from this JVM.
java -Dadbench.dir="$data" -jar "$jar" "${pattern[@]}" -rf json -rff "$result" "$@"
end=$(date +%s)
echo
echo "Ratios from $result (run took $((end - start)) s):"
java -cp "$jar" io.github.autodiff4j.benchmarks.RatioTable "$result" "$report.md" "$report.svg"
