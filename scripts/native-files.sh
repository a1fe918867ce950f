#!/usr/bin/env bash
# Generates what makes hyperlab feel native, all from the picocli command model of one jar:
#   OUT/man/man1/*.1.gz                      hyperlab(1) and one page per subcommand
#   OUT/completions/hyperlab.bash            bash (and the source of zsh's)
#   OUT/completions/_hyperlab                zsh
#   OUT/completions/hyperlab.fish            fish
# Used by scripts/setup.sh (installs under /usr/local) and scripts/package.sh (the .deb, under /usr).
#
#   scripts/native-files.sh JAR OUT
#
# Man pages: picocli-codegen's ManPageGenerator writes AsciiDoc (hyperlab gen-docs), which
# asciidoctor (Debian package `asciidoctor`, offline) turns into roff. The generator emits only
# AsciiDoc; asciidoctor's manpage backend is the converter picocli documents for it.
set -euo pipefail
JAR=$1 OUT=$2
command -v asciidoctor >/dev/null || { echo "native-files: asciidoctor is missing (apt-get install asciidoctor; scripts/setup.sh installs it)" >&2; exit 1; }
run() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" "$@"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT/man/man1" "$OUT/completions"
run gen-docs --man "$TMP/adoc"
asciidoctor -b manpage -a reproducible -D "$TMP/roff" "$TMP"/adoc/*.adoc
rm -f "$OUT"/man/man1/hyperlab*.1.gz
for f in "$TMP"/roff/*.1; do gzip -9n <"$f" >"$OUT/man/man1/$(basename "$f").gz"; done
run completion bash >"$OUT/completions/hyperlab.bash"
run completion zsh >"$OUT/completions/_hyperlab"
run completion fish >"$OUT/completions/hyperlab.fish"
echo "native-files: $(ls "$OUT/man/man1" | wc -l) man pages, completions for bash, zsh and fish in $OUT"
