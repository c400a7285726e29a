#!/usr/bin/env bash
# Uses the real pre-commit client: a throw-away git repository uses this repository as its
# hook repository; `pre-commit run --all-files` must fail on a bad Dockerfile (printing
# ballast's findings) and pass on a good one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v pre-commit >/dev/null; then
  pip install -q pre-commit >/dev/null 2>&1 || true
fi
if ! command -v pre-commit >/dev/null; then
  echo "SKIPPED: pre-commit is not installed and 'pip install pre-commit' failed"
  exit 0
fi
rev=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=${PRE_COMMIT_HOME:-$root/.build-pre-commit}
cd "$work"
git init -q .
git config user.email ci@example.com
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: ballast
YAML
printf 'FROM golang:1.22\nADD . /app\nRUN go build -o /server .\nCMD ["/server"]\n' > Dockerfile
printf 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 65532\nCMD ["curl", "--version"]\n' > good.Dockerfile
# Names from the one definition (DockerfileName.swift): a variant is linted, other kinds of
# file with such names are not (they would be syntax errors).
mkdir -p web
printf 'FROM alpine:3.20\nADD app /app\nUSER 65532\nCMD ["/app"]\n' > web/Dockerfile-dev
printf 'package main\n' > dockerfile.go
printf '*\n!app\n' > Dockerfile.dockerignore
git add -A
if pre-commit run --all-files > out.txt 2>&1; then
  cat out.txt
  echo "FAIL: pre-commit passed on a bad Dockerfile"
  exit 1
fi
grep -q "BL1001 final-stage-build-image" out.txt || { cat out.txt; echo "FAIL: findings missing"; exit 1; }
grep -q "good.Dockerfile" out.txt && { cat out.txt; echo "FAIL: the good Dockerfile was reported"; exit 1; }
grep -q "web/Dockerfile-dev:2:1: warning BL5001" out.txt || { cat out.txt; echo "FAIL: Dockerfile-dev was not linted"; exit 1; }
grep -q "^\(dockerfile.go\|Dockerfile.dockerignore\):" out.txt && { cat out.txt; echo "FAIL: a file that is no Dockerfile was linted"; exit 1; }
printf 'FROM alpine:3.20\nCOPY app /app\nUSER 65532\nCMD ["/app"]\n' > Dockerfile
cp Dockerfile web/Dockerfile-dev
git add -A
if ! pre-commit run --all-files > out2.txt 2>&1; then
  cat out2.txt
  echo "FAIL: pre-commit failed on good Dockerfiles"
  exit 1
fi
# The fixing hook: it rewrites the file and fails (pre-commit fails any hook that changes
# files), then passes once the fix is there.
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: ballast-fix
YAML
printf 'FROM alpine:3.20\nADD app /app\nUSER 65532\nCMD ["/app"]\n' > Dockerfile
git add -A
if pre-commit run --all-files > out3.txt 2>&1; then
  cat out3.txt
  echo "FAIL: ballast-fix passed although it changed a file"
  exit 1
fi
grep -q "files were modified by this hook" out3.txt || { cat out3.txt; echo "FAIL: no modification reported"; exit 1; }
grep -q "^COPY app /app$" Dockerfile || { cat Dockerfile; echo "FAIL: the fix was not written"; exit 1; }
git add -A
if ! pre-commit run --all-files > out4.txt 2>&1; then
  cat out4.txt
  echo "FAIL: ballast-fix failed on the fixed Dockerfile"
  exit 1
fi
echo "pre-commit: 4 passed, 0 failed (ballast, ballast-fix)"
