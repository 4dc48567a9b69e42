# Shared by ./psutil4j and ./run-tests: find a JDK >= 25 and build what is stale.
# shellcheck shell=bash

PSUTIL4J_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# java_major JAVA -> prints the feature version (17, 25, ...) or nothing.
# Reads the JDK's release file when there is one (no JVM start: the launcher runs this every time).
java_major() {
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -1)"
    if [ -n "$v" ]; then
      echo "$v"
      return
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

# find_jdk: sets JAVA_HOME to a JDK >= 25 (JAVA_HOME if new enough, else one under
# $PSUTIL4J_JDK_DIRS, default /usr/lib/jvm, newest first).
find_jdk() {
  local cand major dir
  local cands=("${JAVA_HOME:-}")
  for dir in ${PSUTIL4J_JDK_DIRS:-/usr/lib/jvm}; do
    cands+=($(ls -d "$dir"/* 2>/dev/null | sort -rV))
  done
  for cand in "${cands[@]}"; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major="$(java_major "$cand/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$cand"
      return 0
    fi
  done
  echo "psutil4j: needs a JDK 25 or newer; install one (Eclipse Temurin 25, or openjdk-25-jdk) or point JAVA_HOME at it." >&2
  return 1
}

# Maven itself runs on the found JDK; guava inside Maven 3.8 warns about sun.misc.Unsafe on 25.
mvn_cmd() {
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED" \
    mvn -B -Dstyle.color=never "$@"
}

need_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "psutil4j: installing maven..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >&2
    else
      echo "psutil4j: needs Apache Maven to build; install it (apt-get install maven)." >&2
      return 1
    fi
  fi
}
