#!/usr/bin/env bash
# The processor's compile-time cost on the samples module: javac on all its sources with the processor, against javac
# on the same sources without it, the companions they call being already compiled on the class path.
# Usage (after `mvn -q package -DskipTests` at the top): benchmarks/compile-time/samples.sh [runs=5]
set -euo pipefail
runs=${1:-5}
source "$(dirname "$0")/timing.sh"
sources=$(find "$top/samples/src/main/java" -name '*.java')
methods=$(grep -h '^ *@Differentiable' $sources | wc -l)
# The samples' one dependency besides the runtime: Hipparchus, whose optimisers they feed with derivatives.
hipparchus=$(ls "$repo"/org/hipparchus/hipparchus-{core,optim}/*/hipparchus-*.jar | grep -v sources | paste -sd:)
problems=$top/problems/target/autodiff4j-problems-$version.jar
classpath=$runtime:$hipparchus:$problems

out=$work/companions
javac -d "$out" -cp "$classpath" "${with_processor[@]}" $sources
out=$work/out
without=$(best -cp "$classpath:$work/companions" -proc:none $sources)
with=$(best -cp "$classpath" "${with_processor[@]}" $sources)
files=$(echo "$sources" | wc -l)
echo "javac, the samples module ($files files, $methods @Differentiable methods), best of $runs runs:"
report "$methods" "$without" "$with"
