#!/usr/bin/env python3
"""Time and memory (text output) of generated Dockerfile shapes at n and 4n: a ratio near 4 is linear,
near 16 quadratic. Finds the superlinear paths that whole-corpus runs never hit.

Usage: Benchmarks/scaling.py BALLAST_BINARY [N]      (default N = 2500)
"""
import os
import subprocess
import sys
import tempfile
import time


def shape(kind, n):
    out = []
    if kind == 'one long stage':
        out.append('FROM alpine:3.20\n')
        for i in range(n):
            out.append('ENV A%d=b\nWORKDIR /x/${A%d}\nRUN rm -rf /x && curl -o /tmp/f http://x/f '
                       '&& chown -R a /app\nCOPY . /app\n' % (i, i))
    elif kind == 'FROM chain with ENV':
        out.append('FROM python:3.12 AS s0\n')
        for i in range(1, n):
            out.append('FROM s%d AS s%d\nENV A%d=x\nRUN pip install flask && chown -R a /app\n'
                       'COPY app /app\n' % (i - 1, i, i))
    elif kind == 'stages FROM one base':
        out.append('FROM python:3.12 AS s0\nENV PATH=/a:$PATH\n')
        for i in range(1, n):
            out.append('FROM s0 AS s%d\nENV PATH=/p%d:$PATH X%d=1\nRUN pip install flask\n'
                       % (i, i, i))
    elif kind == 'COPY --from chains':
        for i in range(n):
            out.append('FROM alpine:3.20 AS s%d\nCOPY --from=s%d /a /a\n' % (i, max(i - 1, 0)))
    elif kind == 'package RUNs':
        # BL1004's fix asks whether a later RUN reads the APT lists: once per file, not per RUN.
        out.append('FROM debian:12\n')
        for i in range(n):
            out.append('RUN apt-get update && apt-get install -y curl%d && rm -rf /tmp/x%d '
                       '&& go build -o /b%d . && cargo build\n' % (i, i, i))
    elif kind == 'ARG and ENV':
        out.append('ARG G=1\nFROM alpine:3.20\n')
        for i in range(n):
            out.append('ARG V%d=$V%d\nENV E%d=${V%d:-x} PATH=/opt/%d:$PATH\nRUN echo $E%d\n'
                       % (i, max(i - 1, 0), i, i, i, i))
    elif kind == 'heredocs':
        out.append('FROM alpine:3.20\n')
        for i in range(n):
            out.append('RUN <<EOF%d\napt-get install -y x\nrm -rf /x\nEOF%d\nCOPY <<A /a%d\nhi\nA\n'
                       % (i, i, i))
    elif kind == 'ONBUILD, HEALTHCHECK, LABEL':
        out.append('FROM alpine:3.20\n')
        for i in range(n):
            out.append('ONBUILD RUN apt-get install -y x%d\nHEALTHCHECK CMD curl -f http://x/%d\n'
                       'LABEL a%d="b" c%d=d\nEXPOSE %d\nUSER u%d\n' % (i, i, i, i, i, i))
    elif kind == 'one long RUN line':
        out.append('FROM debian:12\nRUN ' + ' && '.join('apt-get install -y p%d' % i for i in range(n)))
    elif kind == 'one RUN, many commands':
        # Rules that ask about other commands of the same RUN (purged later? deleted later?
        # exported?) per command were quadratic here.
        parts = []
        for i in range(n // 4 + 1):
            parts.append('apt-get install -y p%d x && apt-get purge -y p%d && curl -o /tmp/f%d '
                         'https://e.com/%d && rm /tmp/g%d && pip install q%d && yum install -y r%d '
                         '&& go build -o /b%d . && tar xf /tmp/f%d' % ((i,) * 9))
        out.append('FROM debian:12\nRUN ' + ' && '.join(parts) + '\nCMD ["x"]\n')
    elif kind == 'suppression comments':
        out.append('FROM alpine:3.20\n')
        for i in range(n):
            out.append('# hadolint ignore=DL3008\n# ballast ignore=BL5001\nMAINTAINER x%d\n'
                       'ADD a%d /b\n' % (i, i))
    elif kind == 'one variable growing':
        out.append('FROM alpine:3.20\nENV PATH=/usr/bin\n')
        for i in range(n):
            out.append('ENV PATH=/opt/p%d/bin:$PATH\n' % i)
        out.append('RUN pip install x\n')
    elif kind == 'package list growing in a RUN':
        # Each assignment reads the list so far (PackageInstalls): kept linear by a cap on the
        # length of the values it keeps.
        parts = ['L=p'] + ['L="$L p%d" && pip install $L' % i for i in range(n // 4 + 1)]
        out.append('FROM python:3.12\nRUN ' + ' && '.join(parts) + '\n')
    elif kind == 'archives unpacked in one RUN':
        # BL1012 asks, per unpacked archive, whether the RUN deletes it: only for archives an
        # earlier COPY added, so a long RUN of other commands stays linear.
        out.append('FROM alpine:3.20\n')
        out += ['COPY a%d.tgz /a%d.tgz\n' % (i, i) for i in range(n)]
        out.append('RUN ' + ' && '.join('tar xzf /a%d.tgz' % i for i in range(n)) + '\n')
    elif kind == 'case arms in one RUN':
        # CommandBuilder's case states: arms (nested every tenth) whose commands rules read.
        arms = []
        for i in range(n // 4 + 1):
            inner = ' case $v in a) echo a | grep a ;; esac;' if i % 10 == 0 else ''
            arms.append('a%d | b%d) apt-get install -y p%d && curl -o /tmp/f%d https://e/%d |'
                        ' tar -xz ;%s ;;' % (i, i, i, i, i, inner))
        out.append('FROM debian:12\nRUN case "$(uname -m)" in ' + ' '.join(arms)
                   + ' *) exit 1 ;; esac && rm -rf /var/lib/apt/lists/*\n')
    elif kind == 'installs of known packages':
        # BL1003 simulates every install on the release's graph and, in images of up to 32
        # installs, replays the later ones: the replay must stop there, not grow with n.
        out.append('FROM debian:12-slim\n')
        names = ['git', 'python3-pip', 'groff', 'curl', 'gcc', 'libvulkan1', 'rpm', 'wget']
        for i in range(n):
            out.append('RUN apt-get install -y %s && apt-get purge -y %s\n'
                       % (names[i % len(names)], names[(i + 3) % len(names)]))
    elif kind == 'relative WORKDIRs':
        out.append('FROM alpine:3.20\n')
        out += ['WORKDIR d%d\n' % i for i in range(n)]
        out.append('RUN rm -rf x\n')
    return ''.join(out)


KINDS = ['one long stage', 'FROM chain with ENV', 'stages FROM one base', 'COPY --from chains',
         'package RUNs', 'ARG and ENV', 'heredocs', 'ONBUILD, HEALTHCHECK, LABEL',
         'one long RUN line', 'one RUN, many commands', 'suppression comments', 'one variable growing',
         'relative WORKDIRs', 'package list growing in a RUN', 'archives unpacked in one RUN',
         'case arms in one RUN', 'installs of known packages']


def run(binary, text):
    with tempfile.NamedTemporaryFile('w', suffix='.Dockerfile') as file:
        file.write(text)
        file.flush()
        start = time.perf_counter()
        # Text output: it prints a code frame per finding, the costliest format.
        process = subprocess.Popen([binary, '--no-config', '--color', 'never', file.name],
                                   stdout=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        return time.perf_counter() - start, usage.ru_maxrss // 1024


def main():
    binary = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2500
    print('%-28s %10s %9s %10s %9s %7s' % ('shape', 'n time', 'n MB', '4n time', '4n MB', 'ratio'))
    for kind in KINDS:
        small, small_mb = run(binary, shape(kind, n))
        large, large_mb = run(binary, shape(kind, 4 * n))
        print('%-28s %9.2fs %9d %9.2fs %9d %7.1f' % (kind, small, small_mb, large, large_mb,
                                                    large / max(small, 1e-3)))


main()
