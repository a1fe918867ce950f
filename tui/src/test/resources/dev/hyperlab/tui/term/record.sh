#!/usr/bin/env bash
# Records a full-screen program's output at 80x24 and what tmux shows for those bytes, for
# VtScreenRecordingsTest (the recorded vi and less sessions replay through tui.term and must leave
# the screen tmux leaves).
#
#   record.sh NAME TERM 'COMMAND' KEY...      (run from this directory; needs tmux, script, python3)
#
# writes NAME.typescript (the program's bytes, as the guest's serial line would carry them) and
# NAME.screens: after the program's first screen and after each KEY (tmux send-keys syntax; a
# KEY starting with "lit:" is sent literally), the byte offset reached, tmux's cursor, and tmux's
# 24 rows as text and as attributes. The expected screens are not the live ones: each prefix of
# the recording is played again into a fresh 80x24 tmux pane (output post-processing and echo off, so a
# bare LF stays a line feed and the answers tmux gives to status requests are not drawn), so they are tmux's rendering of exactly the bytes the test replays.
#
# Attribute rows: one hex digit a cell, 1 bold, 2 underline, 4 reverse, 8 blink; trailing 0s cut.
#
# The sessions in this directory were made on a Debian 12 host (vim 9.0, less 590) with:
#   ./record.sh less-80x24 vt220 'less /usr/share/common-licenses/GPL-3' \
#       Space j j j b /WARRANTY Enter n n G g q
#   ./record.sh vi-80x24 vt220 'vim --clean -n notes.txt' C-d j j lit:/lazy Enter n dd o \
#       'lit:a new line' Escape x u G C-u lit::q! Enter
# and less-xterm-80x24 and vi-xterm-80x24 with the same commands and keys and TERM xterm (the
# alternate screen, keypad transmit, vim's mouse, paste and status queries). LESS, LESSOPEN and
# the vim configuration are cleared below, so the host's own settings do not leak in.
set -euo pipefail
name=$1 term=$2 cmd=$3
shift 3
here=$(pwd)
work=$(mktemp -d)
sock=hl-record-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"' EXIT

# The file vi edits: small, deterministic, longer than a screen so it scrolls.
for i in $(seq 1 60); do printf 'line %02d: the quick brown fox jumps over the lazy dog\n' "$i"; done > "$work/notes.txt"

settle() { # waits until the recording stops growing for 0.7 s
  local last=-1 now
  while :; do
    sleep 0.7
    now=$(stat -c %s "$work/raw" 2>/dev/null || echo 0)
    [[ $now == "$last" ]] && break
    last=$now
  done
}

tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 -c "$work" \
  "env -u LESS -u LESSOPEN -u LESSCLOSE -u VIMINIT -u EXINIT LESSHISTFILE=- TERM=$term script -q -f -c '$cmd' raw; sleep 30"
settle
marks=$(stat -c %s "$work/raw")
for key in "$@"; do
  if [[ $key == lit:* ]]; then
    tmux -L "$sock" send-keys -t 0 -l "${key#lit:}"
  else
    tmux -L "$sock" send-keys -t 0 "$key"
  fi
  settle
  marks="$marks $(stat -c %s "$work/raw")"
done
tmux -L "$sock" kill-server

# The typescript without script's "Script started/done" lines; marks shifted to match.
python3 - "$work/raw" "$here/$name.typescript" "$work/marks" $marks <<'EOF'
import sys, re
raw = open(sys.argv[1], 'rb').read()
head = raw.index(b'\n') + 1
body = raw[head:]
m = re.search(rb'\nScript done on [^\n]*\n?$', body)
if m:
    body = body[:m.start()]
open(sys.argv[2], 'wb').write(body)
marks = sorted(set(min(len(body), int(x) - head) for x in sys.argv[4:]))
open(sys.argv[3], 'w').write(' '.join(map(str, marks)))
EOF

: > "$here/$name.screens"
for mark in $(cat "$work/marks"); do
  head -c "$mark" "$here/$name.typescript" > "$work/prefix"
  tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 -c "$work" \
    "stty -opost -echo; cat prefix; sleep 30"
  sleep 1
  cursor=$(tmux -L "$sock" display -p -t 0 '#{cursor_x},#{cursor_y}')
  tmux -L "$sock" capture-pane -p -e -N -t 0 > "$work/pane"
  tmux -L "$sock" kill-server
  python3 - "$work/pane" "$mark" "$cursor" >> "$here/$name.screens" <<'EOF'
import sys, re
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')[:24]
text, attrs = [], []
flags = 0
for line in lines:
    chars, cells = [], []
    for tok in re.findall(r'\x1b\[([0-9;]*)m|(.)', line):
        if tok[1] == '':
            codes = [int(c) if c else 0 for c in tok[0].split(';')]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0: flags = 0
                elif c == 1: flags |= 1
                elif c == 4: flags |= 2
                elif c == 7: flags |= 4
                elif c == 5: flags |= 8
                elif c == 22: flags &= ~1
                elif c == 24: flags &= ~2
                elif c == 27: flags &= ~4
                elif c == 25: flags &= ~8
                elif c in (38, 48): i += 2 if codes[i + 1] == 5 else 4
                i += 1
        else:
            chars.append(tok[1])
            cells.append('%x' % flags)
    text.append(''.join(chars).rstrip(' '))
    attrs.append(''.join(cells).rstrip('0'))
print('mark %s cursor %s' % (sys.argv[2], sys.argv[3]))
for t in text: print('text|' + t)
for a in attrs: print('attr|' + a)
EOF
done
echo "wrote $name.typescript ($(stat -c %s "$here/$name.typescript") bytes) and $name.screens"
