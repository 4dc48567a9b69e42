# Shared by ./psutil4j and ./run-tests: find a JDK >= 25 and build what is stale.
# shellcheck shell=bash

# The launcher runs this file on every start, so the common path forks no process: the root comes
# from the absolute path the launchers source it by (readlink -f), the JDK's version from its
# release file, read by bash itself.
case "${BASH_SOURCE[0]}" in
  /*/scripts/common.sh) PSUTIL4J_ROOT="${BASH_SOURCE[0]%/scripts/common.sh}" ;;
  *) PSUTIL4J_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" ;;
esac

# _java_major JAVA: sets JAVA_MAJOR to the feature version (17, 25, ...; 1 for 1.8) or "".
_java_major() {
  JAVA_MAJOR=""
  local release="${1%/bin/java}/release" line
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*)
          line="${line#JAVA_VERSION=}"
          line="${line#\"}"
          JAVA_MAJOR="${line%%[!0-9]*}"
          break ;;
      esac
    done <"$release"
  fi
  if [ -z "$JAVA_MAJOR" ]; then
    JAVA_MAJOR="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)"
  fi
}

# java_major JAVA -> prints the feature version (17, 25, ...) or nothing.
java_major() {
  _java_major "$1"
  echo "$JAVA_MAJOR"
}

# _jdk_ok DIR: DIR is a JDK (java and javac) of version 25 or newer.
_jdk_ok() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _java_major "$1/bin/java"
  [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -ge 25 ]
}

# find_jdk: sets JAVA_HOME to a JDK >= 25 (JAVA_HOME if new enough, else one under
# $PSUTIL4J_JDK_DIRS, default /usr/lib/jvm, newest first).
find_jdk() {
  local cand dir
  if _jdk_ok "${JAVA_HOME:-}"; then
    export JAVA_HOME
    return 0
  fi
  for dir in ${PSUTIL4J_JDK_DIRS:-/usr/lib/jvm}; do
    for cand in $(ls -d "$dir"/* 2>/dev/null | sort -rV); do
      if _jdk_ok "$cand"; then
        export JAVA_HOME="$cand"
        return 0
      fi
    done
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
