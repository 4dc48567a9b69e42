#!/usr/bin/env bash
# Assembles docs/CLI.md from docs/cli/<tool>.md (one file per tool, written next to its code).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  cat <<'HEAD'
# The command-line tools

`./psutil4j <tool> [flags]` runs one tool. Each reads like the original for the flags people
type (same columns, order and units), is built only on psutil4j-core, and takes `--json`, which
prints psutil's field names instead of the table. `./psutil4j <tool> --help` lists its flags.

Exit codes, for every tool: 0 success; 1 a runtime failure (one line on stderr, e.g. a pid that
does not exist, or access denied with a hint to run as root); 2 a usage error (an unknown flag
is always an error, never ignored).

| tool | like |
| --- | --- |
HEAD
  for f in docs/cli/*.md; do
    t="$(basename "$f" .md)"
    head1="$(grep -m1 '^#' "$f" || true)"
    if [[ "$head1" == *" — "* ]]; then
      first="${head1#* — }"
    else
      first="$(grep -v '^#' "$f" | grep -v '^$' | grep -v '^```' | head -1 || true)"
    fi
    echo "| [\`$t\`](#$t) | ${first//|/\\|} |"
  done
  echo
  for f in docs/cli/*.md; do
    cat "$f"
    echo
  done
} > docs/CLI.md
