# Sourced by ./build and ./junction: points JAVA_HOME at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then `java` on the PATH, then the newest JDK under
# /usr/lib/jvm. Fails with a clear message when there is none.
java_major() {
  # The JDK's release file says it without starting a JVM (a third of a second on a busy core).
  local release; release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ] && grep -q '^JAVA_VERSION=' "$release"; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$release" | head -n1
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}
junction_find_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(junction_find_jdk); then
  echo "Junction needs a JDK 21 or newer (none found in \$JAVA_HOME, on the PATH or under /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
