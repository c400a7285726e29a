#!/usr/bin/env bash
# The generated completion scripts in the real shells: each parses (bash -n, zsh -n, fish -n),
# and zsh (driven in a pseudo-terminal by completions/zsh-capture.zsh) and fish (`complete -C`)
# offer what each command accepts. bash's completions run for real in `swift test`
# (OptionTableTests).
# Usage: Scripts/test-completions.sh .build/debug/ballast
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missing=()
for shell in zsh fish; do command -v "$shell" >/dev/null || missing+=("$shell"); done
if [ ${#missing[@]} -gt 0 ]; then
  (apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || sudo -n apt-get install -y -q "${missing[@]}" >/dev/null 2>&1) || true
fi
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$bin" completions bash > "$work/ballast.bash"
bash -n "$work/ballast.bash" || fail "bash: syntax"

if command -v zsh >/dev/null; then
  "$bin" completions zsh > "$work/_ballast"
  zsh -n "$work/_ballast" || fail "zsh: syntax"
  # The completion function loads through compinit from fpath, as users install it.
  zsh -f -c "fpath=($work \$fpath); autoload -U compinit; compinit -u -d $work/zcompdump; (( \${+_comps[ballast]} ))" \
    || fail "zsh: compinit does not register _ballast"
  here=$(cd "$(dirname "$0")" && pwd)
  zoffers() {
    timeout 60 zsh -f "$here/completions/zsh-capture.zsh" "$work" "$1" | tr -d '\r' \
      | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | awk '/<</{f=1;next}/>>/{f=0}f' | sort -u | tr '\n' ' '
  }
  zexpect() {
    local got
    got=$(zoffers "$1")
    [ "$got" = "$2" ] || fail "zsh: '$1' offers '$got', expected '$2'"
  }
  zexpect "ballast -f " "checkstyle codeclimate github gitlab gitlab_codeclimate gnu json junit sarif sonarqube text tty "
  zexpect "ballast parse -f " "buildkit json "
  zexpect "ballast --fail" "--failure-threshold "
  zexpect "ballast completions " "bash fish zsh "
  zexpect "ballast explain BL500" "$(printf '%s\n' $("$bin" rules --format json | grep -o '"BL500[0-9]"' | tr -d '"') | sort -u | tr '\n' ' ')"
  zoffers "ballast --context /us" | grep -q "usr" || fail "zsh: --context does not offer folders"
else
  echo "SKIPPED zsh: not installed and apt-get install zsh failed"
fi

if command -v fish >/dev/null; then
  "$bin" completions fish > "$work/ballast.fish"
  fish -n "$work/ballast.fish" || fail "fish: syntax"
  offers() { fish -c "source $work/ballast.fish; complete -C'$1'" | cut -f1 | sort | tr '\n' ' '; }
  expect() {
    local got
    got=$(offers "$1")
    [ "$got" = "$2" ] || fail "fish: '$1' offers '$got', expected '$2'"
  }
  expect "ballast -f " "checkstyle codeclimate github gitlab gitlab_codeclimate gnu json junit sarif sonarqube text tty "
  expect "ballast parse -f " "buildkit json "
  expect "ballast rules --format " "json text "
  expect "ballast --failure-threshold " "error ignore info none style warning "
  expect "ballast --fail" "--failure-threshold "
  expect "ballast completions " "bash fish zsh "
  offers "ballast explain BL500" | grep -q "BL5001" || fail "fish: explain does not offer rule ids"
  offers "ballast --ignore add-inst" | grep -q "add-instead-of-copy" || fail "fish: --ignore does not offer rule names"
  offers "ballast --context /us" | grep -q "^/usr/" || fail "fish: --context does not offer folders"
else
  echo "SKIPPED fish: not installed and apt-get install fish failed"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures completion check(s) failed"
  exit 1
fi
echo "completions: bash, zsh and fish scripts parse; zsh and fish offer what each command accepts"
