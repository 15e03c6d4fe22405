#!/usr/bin/env bash
# Regenerates the external weights (model.onnx.data) of bench models from their weights.json manifests, bit for bit,
# and verifies the SHA-256 sums recorded when the graphs were made (models/make_fixtures.py).
# Usage: models/bench/make-weights.sh [MODEL_DIR...]   (default: every models/bench/*/ with a weights.json)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# the tool is in the app module (target/classes), the engine it uses in the core module (core/target/classes)
[ -d target/classes/dev/nnjit/tools/weights ] && [ -d core/target/classes/dev/nnjit/tensor ] || mvn -q -B compile
gson_version="$(sed -n 's:.*<gson.version>\(.*\)</gson.version>.*:\1:p' pom.xml)"
gson="$HOME/.m2/repository/com/google/code/gson/gson/$gson_version/gson-$gson_version.jar"
[ -f "$gson" ] || mvn -q -B dependency:get -Dartifact="com.google.code.gson:gson:$gson_version"
if [ $# -eq 0 ]; then set -- $(ls -d models/bench/*/ | while read -r d; do [ -f "$d/weights.json" ] && echo "$d"; done); fi
exec java -cp "target/classes:core/target/classes:$gson" dev.nnjit.tools.weights.MakeWeights "$@"
