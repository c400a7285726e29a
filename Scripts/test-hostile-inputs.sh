#!/usr/bin/env bash
# Hostile inputs through the real binary: each must end with a clear error or findings,
# the documented exit status, bounded time and memory, the other files still linted, and
# nothing in the linted tree changed.
# Usage: Scripts/test-hostile-inputs.sh BALLAST_BINARY
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0 failed=0
good=good.Dockerfile
printf 'FROM alpine:3.20\nUSER 65534\nCMD ["true"]\n' > "$good"

# check NAME EXPECTED_STATUS MAX_SECONDS MAX_MB FILE...: runs ballast, also on the good file.
check() {
  local name=$1 want=$2 seconds=$3 megabytes=$4; shift 4
  local status
  /usr/bin/time -f '%e %M' -o time.txt timeout "$seconds" "$bin" --no-config -f gnu "$@" "$good" > out.txt 2> err.txt
  status=$?
  read -r elapsed kilobytes < <(tail -1 time.txt)
  local problem=""
  # `01`: findings or none, both fine (inputs built for time and memory bounds, whose findings
  # depend on which rules exist).
  case "$want" in
    01) [ "$status" = 0 ] || [ "$status" = 1 ] || problem="exit $status, expected 0 or 1" ;;
    *) [ "$status" = "$want" ] || problem="exit $status, expected $want" ;;
  esac
  [ "$status" = 124 ] && problem="timed out after ${seconds}s"
  [ $((kilobytes / 1024)) -le "$megabytes" ] || problem="$((kilobytes / 1024)) MB > $megabytes MB"
  if [ "$want" = 2 ] && ! grep -q "^ballast: " err.txt; then problem="no error message"; fi
  if [ "$want" != 2 ] && [ -s err.txt ] && ! { [ -n "${note:-}" ] && grep -q "$note" err.txt; }; then
    problem="unexpected error: $(head -1 err.txt)"
  fi
  if [ -n "$problem" ]; then
    failed=$((failed + 1)); echo "FAIL $name: $problem"; head -3 err.txt
  else
    passed=$((passed + 1)); printf 'ok   %-44s exit %s  %6ss %5s MB  %s\n' "$name" "$status" "$elapsed" "$((kilobytes / 1024))" "$(head -c 90 err.txt)"
  fi
}

: > empty;                                   check "empty file" 1 10 50 empty
printf '# only\n# comments\n' > comments;      check "only comments" 1 10 50 comments
printf 'FROM a\nRUN x\x00y\n' > nul;             check "NUL bytes" 2 10 50 nul
printf 'FROM a\nRUN \xc3\x28\n' > badutf8;       check "invalid UTF-8" 2 10 50 badutf8
printf '\xff\xfeF\x00R\x00O\x00M\x00' > utf16; check "UTF-16 file" 2 10 50 utf16
python3 -c "
import sys
chunk = 'FROM debian:12-slim AS s{n}\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCOPY app/ /app/\nUSER nobody\n'
out = []; n = 0; size = 0
while size < 50 * 1024 * 1024:
    t = chunk.format(n=n); out.append(t); size += len(t); n += 1
open('big50', 'w').write(''.join(out))
open('line10', 'w').write('FROM a\nRUN echo ' + 'x' * (10 * 1024 * 1024) + '\n')
open('continuations', 'w').write('FROM a\nRUN a' + ' \\\\\n b' * 100000 + '\n')
open('nested', 'w').write('FROM a\nENV V=' + '\${a:-' * 10000 + 'x' + '}' * 10000 + '\n')
stages = ['FROM alpine:3.20 AS s0\nUSER nobody\n'] + ['FROM s%d AS s%d\nCOPY --from=s%d /x /x\n' % (i - 1, i, (i + 5000) % 10000) for i in range(1, 10000)]
open('stages', 'w').write(''.join(stages))
layers = ''.join('ENV A%d=b\nWORKDIR /x/\${A%d}\nRUN rm -rf /x && curl -o /tmp/f http://x/f && chown -R a /app\nCOPY . /app\n' % (i, i) for i in range(10000))
open('layers', 'w').write('FROM alpine:3.20\n' + layers)
chain = ''.join('FROM s%d AS s%d\nENV A%d=x\nRUN pip install flask\n' % (i - 1, i, i) for i in range(1, 10000))
open('envchain', 'w').write('FROM python:3.12 AS s0\n' + chain)
growing = ''.join('ENV PATH=/opt/p%d/bin:\$PATH\n' % i for i in range(20000))
open('growing', 'w').write('FROM alpine:3.20\nENV PATH=/usr/bin\n' + growing + 'RUN pip install x\n')
open('deepcopy', 'w').write('FROM alpine:3.20\nCOPY x ' + '/a' * 30000 + '\nRUN rm -rf /x\nUSER nobody\n')
open('workdirs', 'w').write('FROM alpine:3.20\n' + ''.join('WORKDIR d%d\n' % i for i in range(20000)) + 'RUN rm -rf x\nUSER nobody\n')
"
check "50 MB file" 01 120 1500 big50
check "single 10 MB line" 1 60 400 line10
check "100,000 line continuations" 1 60 400 continuations
printf 'FROM a\nRUN <<EOF\necho never closed\n' > heredoc; check "unterminated heredoc" 1 10 50 heredoc
printf 'FROM a\nCMD ["a", "b"\n' > json;        check "unterminated JSON array" 1 10 50 json
check "\${a:-\${b:-…}} nested 10,000 deep" 1 30 400 nested
check "10,000 stages, COPY --from chains" 01 60 800 stages
check "40,000 instructions in one stage" 1 60 800 layers
check "10,000-stage FROM chain, ENV in each" 1 60 800 envchain
check "20,000 ENV lines growing one variable" 1 60 400 growing
check "20,000 relative WORKDIRs" 01 60 400 workdirs
check "a COPY destination 30,000 folders deep" 01 30 200 deepcopy
mkdir dir; note="no Dockerfile found in dir"   check "a directory without Dockerfiles" 0 10 50 dir
mkfifo fifo;                                    check "a FIFO passed as a file" 2 10 50 fifo
mkdir -p loop/a && ln -s .. loop/a/up && cp "$good" loop/Dockerfile
check "symlink loop while walking" 0 10 50 loop
check "missing file" 2 10 50 does-not-exist

# 8,000 findings on one line, in text output: each code frame printed the whole line.
python3 -c "print('FROM debian:12\nRUN ' + ' && '.join('apt-get install -y p%d' % i for i in range(8000)))" > longline
/usr/bin/time -f '%e %M' -o time.txt timeout 60 "$bin" --no-config --color never longline > out.txt 2> err.txt
status=$?
read -r elapsed kilobytes < <(tail -1 time.txt)
if [ "$status" = 1 ] && [ $((kilobytes / 1024)) -le 400 ] && [ "$(wc -c < out.txt)" -lt 20000000 ]; then
  passed=$((passed + 1)); printf 'ok   %-44s exit 1  %6ss %5s MB\n' "8,000 findings on one line (text)" "$elapsed" "$((kilobytes / 1024))"
else
  failed=$((failed + 1)); echo "FAIL 8,000 findings on one line: exit $status, ${elapsed}s, $((kilobytes / 1024)) MB"
fi

# Too large for the 64 MiB limit, as a file and on standard input: a clear error, not a read.
head -c 70000000 /dev/zero | tr '\0' 'a' > huge
check "70 MB file (over the 64 MiB limit)" 2 10 100 huge
"$bin" --no-config -f gnu - < huge > out.txt 2> err.txt
if [ $? = 2 ] && grep -q "^ballast: -: file larger than 64 MiB" err.txt; then
  passed=$((passed + 1)); echo "ok   70 MB on standard input                      exit 2   $(head -c 90 err.txt)"
else
  failed=$((failed + 1)); echo "FAIL 70 MB on standard input: $(head -1 err.txt)"
fi
rm -f huge

# Unreadable file and folder: root reads anything, so as root they are linted as nobody.
as_user=()
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$work"
fi
printf 'FROM a\n' > locked && chmod 000 locked
printf 'FROM alpine:3.20\nMAINTAINER x\n' > other.Dockerfile
mkdir -p shut && cp "$good" shut/Dockerfile && chmod 000 shut
if [ ${#as_user[@]} -gt 0 ] || [ "$(id -u)" != 0 ]; then
  for target in locked shut; do
    label="unreadable file"; [ "$target" = shut ] && label="unreadable folder while walking"
    "${as_user[@]}" "$bin" --no-config -f gnu "$target" other.Dockerfile > out.txt 2> err.txt
    status=$?
    if [ "$status" = 2 ] && grep -q "^ballast: $target: permission denied" err.txt \
      && grep -q "^other.Dockerfile:2" out.txt; then
      passed=$((passed + 1)); printf 'ok   %-44s exit 2   %s\n' "$label" "$(head -c 90 err.txt)"
    else
      failed=$((failed + 1)); echo "FAIL unreadable $target: exit $status, $(head -1 err.txt)"
    fi
  done
else
  echo "skip unreadable file and folder: running as root without setpriv"
fi
chmod 755 shut; chmod 644 locked

# Secrets: found and masked in every output format, in bounded time, whatever the file holds.
python3 -c "
import random
random.seed(7)
token = 'ghp_' + ''.join(random.choice('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(36))
key = ''.join(random.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') for _ in range(64))
open('secret-token.txt', 'w').write(token[4:])
open('secret-key.txt', 'w').write(key)
# A 1 MB ENV value with a token at its end, and one in a heredoc.
open('secret-huge-env', 'w').write('FROM alpine:3.20\nENV BLOB=' + 'A' * (1024 * 1024) + token + '\nUSER nobody\n')
# The token split over continuation lines, and a private key spread over an ENV's lines.
open('secret-split', 'w').write('FROM alpine:3.20\nENV T=' + token[:20] + '\\\\\n' + token[20:] + ' \\\\\n    K=\"-----BEGIN OPENSSH PRIVATE KEY-----\\\\\n' + key + '\\\\\n' + key[::-1] + '\\\\\n-----END OPENSSH PRIVATE KEY-----\"\nUSER nobody\n')
# Binary-looking values: 100,000 almost-tokens, base64 noise after key markers, URLs with odd bytes.
noise = ''.join(random.choice('AKIASghp_:/@-') for _ in range(200000))
# Secret names split over continuation lines, beside control characters, an escape sequence and
# bidirectional-override characters (valid UTF-8: invalid UTF-8 is refused before any rule runs).
control = ''.join(chr(c) for c in range(1, 32) if c not in (10, 13))
open('secret-names', 'w', encoding='utf-8').write('FROM alpine:3.20\nENV AWS_SECRET_\\\\\nACCESS_KEY=' + token + ' \\\\\n    BLOB=\"\x1b[31m' + control + '\u202e\ufeff\"\nARG DB_PASS\\\\\nWORD=' + token + '\nUSER nobody\n')
open('secret-binaryish', 'w').write('FROM alpine:3.20\nENV N=\"' + ' AKIA'.join('X' * 15 for _ in range(100000)) + '\"\nLABEL n=\"' + noise + '\"\nRUN echo -----BEGIN PRIVATE KEY-----' + 'Zm9v' * 50000 + ' ' + token + '\nUSER nobody\n')
"
for input in secret-huge-env secret-split secret-names secret-binaryish; do
  check "secrets: $input" 1 60 400 "$input"
  leaked=""
  for format in text json sarif gnu checkstyle github gitlab junit sonarqube codeclimate; do
    "$bin" --no-config -f "$format" "$input" > out.txt 2> /dev/null
    if grep -q -F -f secret-token.txt out.txt || grep -q -F -f secret-key.txt out.txt; then
      leaked="$leaked $format"
    fi
  done
  if [ -n "$leaked" ]; then failed=$((failed + 1)); echo "FAIL $input: the secret is in the output of$leaked"; fi
done
"$bin" --no-config -f gnu secret-split > out.txt 2>&1
if [ "$(grep -c 'BL3050' out.txt)" = 2 ]; then passed=$((passed + 1)); echo "ok   the split token and key are both found"; else failed=$((failed + 1)); echo "FAIL split secrets: $(grep -c BL3050 out.txt) findings"; fi
"$bin" --no-config -f gnu secret-names > out.txt 2>&1
if [ "$(grep -c 'BL3001' out.txt)" = 2 ] && [ "$(grep -c 'BL3050' out.txt)" = 2 ]; then passed=$((passed + 1)); echo "ok   names split over lines are found, with their values"; else failed=$((failed + 1)); echo "FAIL split names: $(grep -c BL3001 out.txt) BL3001, $(grep -c BL3050 out.txt) BL3050"; fi
rm -f secret-*

# Nothing in the linted tree may change.
before=$(find . -path ./time.txt -prune -o -path ./out.txt -prune -o -path ./err.txt -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
"$bin" --no-config . > /dev/null 2>&1
after=$(find . -path ./time.txt -prune -o -path ./out.txt -prune -o -path ./err.txt -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
if [ "$before" = "$after" ]; then passed=$((passed + 1)); echo "ok   the linted tree is unchanged"; else failed=$((failed + 1)); echo "FAIL files changed"; fi
echo "hostile inputs: $passed passed, $failed failed"
[ "$failed" = 0 ]
