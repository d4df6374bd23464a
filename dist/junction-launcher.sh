#!/bin/sh
# bin/junction of a Junction distribution: runs the gateway's command line with the Java runtime
# shipped beside it (no JDK needed). The installation folder (this script's parent) holds
# junction.yaml when there is one, and the data folder by default.
set -eu
# Shell built-ins only, so that it runs with an empty PATH; a symlink to it is followed when
# readlink is there.
self="$0"
if command -v readlink >/dev/null 2>&1; then self="$(readlink -f "$0")"; fi
case "$self" in */*) bin="${self%/*}" ;; *) bin=. ;; esac
here="$(cd "$bin/.." && pwd)"
export JUNCTION_HOME="${JUNCTION_HOME:-$here}"
defaults="-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=4"
exec "$here/runtime/bin/java" ${JUNCTION_JAVA_OPTS:-$defaults} -jar "$here/junction-gateway.jar" "$@"
