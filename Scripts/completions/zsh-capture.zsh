#!/bin/zsh -f
# zsh-capture.zsh FOLDER "command line": what zsh's real completion offers for the line, one
# match per line between << and >> markers. FOLDER holds the _ballast function (as installed
# into fpath). Drives an interactive zsh in a pseudo-terminal (zpty) and records the matches
# by wrapping compadd.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -d $1/.zcompdump"
zpty -w z "compadd() { builtin compadd -O __hits \"\$@\"; print -rl -- '<<' \"\${__hits[@]}\" '>>'; builtin compadd \"\$@\" }"
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no"
zpty -w z "echo READY"
local line
while zpty -r z line; do [[ $line == *READY* && $line != *echo* ]] && break; done
zpty -w z "$2"$'\t'
sleep 1
local all="" chunk
while zpty -r -t z chunk; do all+=$chunk; done
print -r -- "$all"
zpty -d z
