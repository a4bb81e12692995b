#!/usr/bin/env bash
# The Rosenbrock benchmarks (RosenbrockBench): one quick JMH run of the function, the generated gradient (record and
# allocation-free forms), one generated JVP and the hand-written gradient, for n = 10, 100, 1000, 10000; the gradient
# by n JVPs (n = 10, 100); Hipparchus Gradient and DerivativeStructure and central differences (n = 10, 100, 1000);
# then the ratios computed from that one run (RatioTable). For every benchmark at once, see run-all.sh.
# Report ratios, not absolute times: the machine is shared, and only ratios taken within one run carry over.
#
# Needs only a JDK and Maven. Build first, at the top of the repository:
#   mvn install -DskipTests          (packages benchmarks/target/benchmarks.jar; the build runs no benchmark)
# Usage:
#   benchmarks/run-rosenbrock.sh [extra JMH options...]
# Extra options come after the quick profile and override it, e.g.
#   benchmarks/run-rosenbrock.sh -p n=1000                     (one size only)
#   benchmarks/run-rosenbrock.sh -p n=1000 -prof gc            (+ gc.alloc.rate.norm, bytes allocated per call)
#   benchmarks/run-rosenbrock.sh -f 3 -i 10                    (a longer, steadier run)
# Environment: RESULT=path of the JSON result (default benchmarks/target/rosenbrock.json).
# The quick profile (-f 1 -wi 3 -w 1s -i 5 -r 1s, 31 benchmarks and sizes) takes about 5 minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/benchmarks.jar
result=${RESULT:-$here/target/rosenbrock.json}
if [[ ! -f $jar ]]; then
  echo "$jar not found: run 'mvn install -DskipTests' at the top of the repository first" >&2
  exit 1
fi
# The quick profile, less every option the caller gives (JMH refuses an option given twice).
profile=()
for pair in "-f 1" "-wi 3" "-w 1s" "-i 5" "-r 1s"; do
  option=${pair% *}
  given=no
  for arg in "$@"; do [[ $arg == "$option" ]] && given=yes; done
  [[ $given == no ]] && profile+=("$option" "${pair#* }")
done
start=$(date +%s)
java -jar "$jar" 'io\.github\.autodiff4j\.benchmarks\.RosenbrockBench\.' \
  "${profile[@]}" -rf json -rff "$result" "$@"
end=$(date +%s)
echo
echo "Ratios from $result (JMH run took $((end - start)) s):"
java -cp "$jar" io.github.autodiff4j.benchmarks.RatioTable "$result"
