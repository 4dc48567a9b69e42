#!/usr/bin/env bash
# Start-up time of ./psutil4j against a trivial Java main run the same way, python psutil and procps.
# Usage: psutil4j-cli/bench-startup.sh [TOOL ARGS...]   (default tool: free, or snapshot without it)
# Needs hyperfine. Results: hyperfine's table on stdout, and bench-startup.md in target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$root/scripts/common.sh"
find_jdk
command -v hyperfine >/dev/null || { echo "bench-startup: needs hyperfine" >&2; exit 1; }

"$root/psutil4j" --version >/dev/null   # build and train the AOT cache first
if [ $# -gt 0 ]; then
  tool=("$@")
elif "$root/psutil4j" free >/dev/null 2>&1; then
  tool=(free)
else
  tool=(snapshot)
fi

# The trivial main, compiled now, run with the launcher's JVM flags (default CDS archive, no AOT cache
# of its own: what any "java -cp dir Hello" gets) and, for reference, with its own AOT cache.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
"$JAVA_HOME/bin/javac" -d "$work/classes" "$work/Hello.java"
# an AOT cache's class path may hold jars only
"$JAVA_HOME/bin/jar" cf "$work/hello.jar" -C "$work/classes" Hello.class
flags="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
"$JAVA_HOME/bin/java" $flags -XX:AOTCacheOutput="$work/hello.aot" -cp "$work/hello.jar" Hello >/dev/null 2>&1

hyperfine -N --warmup 3 --min-runs 20 --export-markdown "$root/psutil4j-cli/target/bench-startup.md" \
  -n "./psutil4j ${tool[*]}" "$root/psutil4j ${tool[*]}" \
  -n "./psutil4j ${tool[*]} (no AOT cache)" "env PSUTIL4J_NO_AOT=1 $root/psutil4j ${tool[*]}" \
  -n "./psutil4j ${tool[0]} --help" "$root/psutil4j ${tool[0]} --help" \
  -n "./psutil4j --version" "$root/psutil4j --version" \
  -n "java Hello" "$JAVA_HOME/bin/java $flags -Xshare:auto -cp $work/hello.jar Hello" \
  -n "java Hello (AOT cache)" "$JAVA_HOME/bin/java $flags -XX:AOTCache=$work/hello.aot -cp $work/hello.jar Hello" \
  -n "python3 psutil.virtual_memory()" "/usr/bin/python3 -c 'import psutil; print(psutil.virtual_memory())'" \
  -n "procps free" "free"
