#!/usr/bin/env bash
# Drives a line-edited prompt under tmux (a real pseudo-terminal) and checks what LineEditing promises:
# a typed line is accepted and appended to the history file (mode 0600, directory 0700), Up recalls it,
# Tab completes a sole candidate and lists several, Ctrl-C discards the line and gives a new prompt,
# Ctrl-C while a command is busy reaches the program and the prompt works afterwards, Ctrl-D exits 0, and
# history persists into the next run.
#
# Usage: scripts/pty_smoke_lineedit.sh [BINARY]            (default .build/debug/modescope)
# The SMOKE_* defaults below describe the modescope shell; each can be overridden from the environment.
# All checks pass with the defaults against the modescope shell of 2026-11-26, and against a throwaway
# LineEditing echo harness (not in the repo) with:
#   SMOKE_PROMPT='ms> ' SMOKE_LINE='abc def' SMOKE_SOLE_PREFIX=ts SMOKE_SOLE_COMPLETION='tsne ' \
#   SMOKE_MULTI_PREFIX=l SMOKE_MULTI_CANDIDATES='load list' SMOKE_BUSY_COMMAND=busy \
#   scripts/pty_smoke_lineedit.sh /tmp/le-harness/.build/debug/harness
# Exit status: 0 all checks passed, 1 some failed, 2 usage (no binary, no tmux).
set -uo pipefail

binary=${1:-.build/debug/modescope}
prompt=${SMOKE_PROMPT:-'modescope> '}
line=${SMOKE_LINE:-'help'}                          # a command that succeeds quickly
sole_prefix=${SMOKE_SOLE_PREFIX:-'qui'}             # a prefix with exactly one completion...
sole_completion=${SMOKE_SOLE_COMPLETION:-'quit '}   # ...and the text it must complete to
multi_prefix=${SMOKE_MULTI_PREFIX:-'l'}             # a prefix with several completions...
multi_candidates=${SMOKE_MULTI_CANDIDATES:-'load'}  # ...of which these must be listed (space-separated)
busy_command=${SMOKE_BUSY_COMMAND-'sleep 30'}       # runs > 3 s unless Ctrl-C cancels it; empty skips
extra_environment=${SMOKE_EXTRA_ENV:-''}            # e.g. ASAN_OPTIONS=detect_leaks=0 (the rest is env -i)
poll_limit=100                                      # × 0.1 s: generous, the machine is shared and noisy

command -v tmux >/dev/null || { echo "pty_smoke_lineedit: tmux is not installed" >&2; exit 2; }
[[ -x $binary ]] || { echo "pty_smoke_lineedit: no executable at '$binary' (build it first)" >&2; exit 2; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
session=lineedit-smoke-$$
# A private tmux server: a shared one may have been started by a process that blocks SIGINT (test runners
# do on worker threads), and every program it runs inherits that mask.
tmux() { command tmux -L "$session" "$@"; }
state=$(mktemp -d)
history_file="$state/xdg/modescope/history"
bare_prompt=${prompt%"${prompt##*[![:space:]]}"}    # tmux trims trailing blanks from captured lines
failures=0
finish() {
    local socket
    socket=$(tmux display-message -p '#{socket_path}' 2>/dev/null)
    tmux kill-server 2>/dev/null
    [[ -n $socket ]] && rm -f "$socket"
    rm -rf "$state"
}
trap finish EXIT

screen() { tmux capture-pane -p -t "$session"; }
last_line() { screen | sed -e 's/[[:space:]]*$//' -e '/^$/d' | tail -n 1; }
keys() { tmux send-keys -t "$session" "$@"; }
literally() { tmux send-keys -t "$session" -l "$1"; }
poll() {  # poll COMMAND...: true as soon as COMMAND succeeds
    local attempt
    for ((attempt = 0; attempt < poll_limit; attempt++)); do "$@" && return 0; sleep 0.1; done
    return 1
}
last_line_is() { [[ $(last_line) == "$1" ]]; }
screen_has() { screen | grep -qF -- "$1"; }
at_prompt() { last_line_is "$bare_prompt"; }
fresh_prompt() { keys C-u C-l; poll at_prompt; }
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then
        echo "ok   $1"
    else
        echo "FAIL $1"
        failures=$((failures + 1))
        screen | sed -e 's/[[:space:]]*$//' -e '/^$/d' -e 's/^/     | /'
    fi
}
start() {
    tmux kill-session -t "$session" 2>/dev/null
    tmux new-session -d -s "$session" -x 100 -y 30 \
        "env -i TERM=xterm-256color HOME='$state/home' XDG_STATE_HOME='$state/xdg' LANG=C.UTF-8 $extra_environment '$binary'; \
         echo \"EXIT=\$?\"; sleep 600"
    poll at_prompt
}
encoded() { printf '%s' "$1" | sed 's/ /\\040/g'; }  # libedit's history encoding of spaces
history_has() { [[ -f $history_file ]] && grep -qxF -- "$(encoded "$1")" "$history_file"; }
history_is_private() {
    [[ $(stat -c %a "$history_file") == 600 && $(stat -c %a "$(dirname "$history_file")") == 700 &&
        $(head -n 1 "$history_file") == _HiStOrY_V2_ ]]
}
tab_lists_candidates() {
    local candidate
    for candidate in $multi_candidates; do screen | grep -qw -- "$candidate" || return 1; done
    [[ $(last_line) == "$prompt$multi_prefix"* ]]
}

check "prompt appears" start
literally "$line"; keys Enter
check "typed line runs and a new prompt follows" poll at_prompt
check "the line is appended to the history file at once" history_has "$line"
check "history file has mode 0600, its directory 0700, libedit's header" history_is_private

fresh_prompt; keys Up
check "Up recalls the previous line" poll last_line_is "$prompt$line"

fresh_prompt; literally "$sole_prefix"; keys Tab
check "Tab completes a sole candidate" poll last_line_is "$prompt${sole_completion%" "}"
# Typing after the completion shows whether the trailing space is there.
literally "X"
check "  ...followed by a space" poll last_line_is "$prompt${sole_completion}X"

fresh_prompt; literally "$multi_prefix"; keys Tab
check "Tab lists several candidates below the prompt" poll tab_lists_candidates

fresh_prompt; literally "half typed"; poll last_line_is "${prompt}half typed"; keys C-c
check "Ctrl-C at the prompt shows ^C and a new empty prompt" \
    poll eval 'screen_has "half typed^C" && at_prompt'
check "  ...and the discarded line is not in history" eval '! history_has "half typed"'
literally "$line"; keys Enter
check "  ...and the next line is read normally" poll at_prompt

if [[ -n $busy_command ]]; then
    fresh_prompt; literally "$busy_command"; keys Enter
    sleep 1; keys C-c
    # The command would run > 3 s; a prompt within 1.5 s of Ctrl-C means the interrupt reached it.
    poll_limit=15 check "Ctrl-C while busy ends the command promptly" poll at_prompt
    literally "$line"; keys Enter
    check "  ...and the prompt works afterwards" poll at_prompt
fi

keys C-u C-d
check "Ctrl-D on an empty line exits with status 0" poll screen_has "EXIT=0"

check "second run starts" start
keys Up
check "history persists into the next run" poll last_line_is "$prompt$line"
keys C-u C-d
check "  ...and it exits again" poll screen_has "EXIT=0"
check "history file still has mode 0600" history_is_private

if ((failures > 0)); then echo "$failures check(s) failed"; exit 1; fi
echo "all checks passed"
