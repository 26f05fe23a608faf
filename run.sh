#!/usr/bin/env bash
# Runs the whole of Vigil on this machine: a local Kafka broker (KRaft, 127.0.0.1:9092), the topics, the
# Kafka Streams app with its HTTP server (127.0.0.1:7070) and the device simulator. Builds first if needed.
# Set VIGIL_BOOTSTRAP_SERVERS to use your own cluster instead of the local broker. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
jar=streams-app/target/vigil.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building Vigil (first run: Maven downloads the dependencies; the runtime ones are 276 MB)..."
  mvn -q -B -DskipTests install
fi
exec java ${VIGIL_JAVA_OPTS:--Xmx2g} -Dai.djl.offline=true -jar "$jar" "$@"
