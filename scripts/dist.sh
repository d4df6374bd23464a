#!/usr/bin/env bash
# ./build dist: a self-contained Junction in target/dist/junction-<version>.tar.gz: a Java runtime
# cut to the modules Junction uses (jlink), the gateway's jars and bin/junction. Unpacked on a
# machine with no JDK and no Maven, `bin/junction serve` runs.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
source "$root/scripts/java-home.sh"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n1)"
(cd "$root" && mvn -B -q -DskipTests -pl gateway -am package >&2)
out="$root/target/dist"
name="junction-$version"
stage="$out/$name"
rm -rf "$stage" "$out/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/lib"
cp "$root/gateway/target/junction-gateway.jar" "$stage/"
cp "$root/gateway/target/lib/"*.jar "$stage/lib/"
# The modules the gateway and its libraries use: java.sql (JDBC), java.naming and java.management
# (HikariCP, Flyway), java.net.http, java.xml, jdk.unsupported (Netty, Caffeine, sun.misc.Signal for
# SIGHUP), jdk.crypto.ec and java.security.jgss (TLS and PostgreSQL), jdk.zipfs, jdk.naming.dns.
modules="java.base,java.logging,java.sql,java.naming,java.management,java.net.http,java.xml,java.desktop,java.instrument,jdk.unsupported,jdk.crypto.ec,java.security.jgss,java.security.sasl,jdk.zipfs,jdk.naming.dns,jdk.management"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$stage/runtime"
cp "$root/dist/junction-launcher.sh" "$stage/bin/junction"
chmod +x "$stage/bin/junction"
cp "$root/dist/junction.service" "$root/dist/Dockerfile" "$stage/"
cp "$root/README.md" "$stage/"
tar -C "$out" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
