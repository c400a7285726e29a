#!/usr/bin/env python3
"""Generates, from Debian's and Ubuntu's own package indexes, the dependency graphs ballast
simulates apt installs on (Sources/DockerfileSemantics/Knowledge/PackageGraphs, one file per
release) and Sources/DockerfileSemantics/Knowledge/PackageFacts.generated.swift (the base
images' package sets and the releases' snapshot dates). Bookworm's index is this machine's apt
(`apt-get update` first; `apt-cache dumpavail` prints every candidate record).

A graph holds every package that the corpus's Dockerfiles install with apt (the list is kept in
Scripts/package-facts/apt-packages.txt, regenerated from ../shared/corpus with
--refresh-list), the base image's packages and all they reach through Depends, Pre-Depends and
Recommends, with each package's installed size (see graph_rows). PackageFacts.generated.swift
lists the packages of the base images ballast reasons about: debian:*-slim (and debian:*, the
same packages with documentation) and the packages the buildpack-deps images add (the non-slim
python, node, ruby, golang and rust images are built on them), taken from their Dockerfiles in
the corpus.

Covered: Debian bookworm, amd64, main (bookworm, bookworm-updates, bookworm-security).
The indexes of the other releases whose images Dockerfiles name most are read too, each on its
own base image: Debian bullseye (main), and Ubuntu 16.04, 18.04, 20.04, 22.04 and 24.04 (main
and universe, release and -updates pockets; the base is the image's manifest in
Scripts/package-facts/ubuntu; 24.04's is derived from its index with --derive-ubuntu-base, as
its published manifest is not reachable from here). `--fetch` downloads those indexes into
$BALLAST_INDEX_CACHE (default ~/.cache/ballast-package-facts); only this script touches the
network, ballast never. Not covered: Ubuntu 14.04 (its index is no longer published), other
architectures, contrib/non-free/multiverse, and packages from third-party repositories added
in the Dockerfile.

Usage:
  Scripts/generate-package-facts.py                 regenerate the Swift files
  Scripts/generate-package-facts.py --refresh-list  first re-read the package list from the corpus
  Scripts/generate-package-facts.py --fetch         first download the other releases' indexes
  Scripts/generate-package-facts.py --check         exit 1 when the files are stale
  Scripts/generate-package-facts.py --derive-ubuntu-base KEY
                                                    write Scripts/package-facts/ubuntu/KEY.txt
                                                    from the fetched index of release KEY
"""
import hashlib
import lzma
import os
import urllib.request
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "files")
LIST = os.path.join(ROOT, "Scripts", "package-facts", "apt-packages.txt")
OUTPUT = os.path.join(ROOT, "Sources", "DockerfileSemantics", "Knowledge", "PackageFacts.generated.swift")
CACHE = os.environ.get("BALLAST_INDEX_CACHE", os.path.expanduser("~/.cache/ballast-package-facts"))
UBUNTU = "http://archive.ubuntu.com/ubuntu"
# The other releases whose images ballast weighs by their own index: (key, label, mirror,
# pockets, components, minimized). Minimized images (debian:*-slim, ubuntu:18.04 and later)
# tell dpkg not to unpack documentation and translations; ubuntu:16.04 unpacks them.
OTHER_RELEASES = [
    ("bullseye", "Debian bullseye", "http://deb.debian.org/debian", ["bullseye", "bullseye-updates"], ["main"], True),
    ("xenial", "Ubuntu 16.04", UBUNTU, ["xenial", "xenial-updates"], ["main", "universe"], False),
    ("bionic", "Ubuntu 18.04", UBUNTU, ["bionic", "bionic-updates"], ["main", "universe"], True),
    ("focal", "Ubuntu 20.04", UBUNTU, ["focal", "focal-updates"], ["main", "universe"], True),
    ("jammy", "Ubuntu 22.04", UBUNTU, ["jammy", "jammy-updates"], ["main", "universe"], True),
    ("noble", "Ubuntu 24.04", UBUNTU, ["noble", "noble-updates"], ["main", "universe"], True),
]
UBUNTU_MANIFESTS = os.path.join(ROOT, "Scripts", "package-facts", "ubuntu")
GRAPHS = os.path.join(ROOT, "Sources", "DockerfileSemantics", "Knowledge", "PackageGraphs")
NAME = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")
# Packages whose files are all under paths the minimized images tell dpkg not to unpack
# (/usr/share/{man,doc,info,locale}): manual pages, documentation, message catalogues. Not
# every -l10n package: qttranslations5-l10n unpacks 12 MB under /usr/share/qt5.
DOCUMENTATION = re.compile(r"^manpages|-doc$|-locales$|^gnupg-l10n$")
# Recommends a build needs: a compiler's C library headers (`gcc` recommends `libc6-dev`, a
# cross compiler its target's `libc6-dev-arm64-cross`). They count as dependencies.
# So is `ca-certificates`, without which curl, wget and git cannot check a TLS certificate.
NEEDED_RECOMMENDS = re.compile(r"^(libc6?-dev|libc6-dev-.*-cross|linux-libc-dev|libc-dev|ca-certificates)$")


def corpus_packages():
    """Names installed by `apt-get install` / `apt install` in the corpus, with counts."""
    counts = {}
    for folder in sorted(os.listdir(CORPUS)):
        for name in sorted(os.listdir(os.path.join(CORPUS, folder))):
            with open(os.path.join(CORPUS, folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read().replace("\\\n", " ")
            for command in re.split(r"&&|\|\||;|\||\n", text):
                words = command.split()
                for index, word in enumerate(words):
                    if word.split("/")[-1] in ("apt-get", "apt") and "install" in words[index + 1:]:
                        after = words[words.index("install", index) + 1:]
                        for operand in after:
                            if operand.startswith("-") or "$" in operand:
                                continue
                            operand = re.split(r"[=<>~]", operand)[0].strip("'\"")
                            if NAME.match(operand):
                                counts[operand] = counts.get(operand, 0) + 1
                        break
    return counts


def buildpack_packages():
    """Packages the buildpack-deps bookworm images install, per variant (curl, scm, full)."""
    variants = {}
    folder = os.path.join(CORPUS, "docker-library__buildpack-deps")
    for variant, name in (("curl", "debian__bookworm__curl__Dockerfile"),
                          ("scm", "debian__bookworm__scm__Dockerfile"),
                          ("full", "debian__bookworm__Dockerfile")):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read().replace("\\\n", " ")
        names = []
        for command in re.split(r"&&|;|\n", text):
            words = command.split()
            if "install" in words and any(w.endswith("apt-get") for w in words):
                names += [w for w in words[words.index("install") + 1:]
                          if NAME.match(w) and not w.startswith("-")]
        variants[variant] = sorted(set(names))
    return variants


def index(text=None):
    """Every candidate record of an index (apt's own when `text` is None): name -> fields."""
    if text is None:
        text = subprocess.run(["apt-cache", "dumpavail"], capture_output=True, text=True, check=True).stdout
    packages = {}
    provides = {}
    for stanza in text.split("\n\n"):
        fields = {}
        key = None
        for line in stanza.split("\n"):
            if line.startswith((" ", "\t")) and key:
                fields[key] += " " + line.strip()
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        name = fields.get("Package")
        if not name or fields.get("Architecture") not in ("amd64", "all"):
            continue
        packages[name] = fields
        for provided in split_relations(fields.get("Provides", "")):
            provides.setdefault(provided[0], []).append(name)
    return packages, provides


def split_relations(value):
    """`a (>= 1) | b, c:any` -> [[a, b], [c]]."""
    groups = []
    for group in value.split(","):
        names = [re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alternative).strip().split(":")[0]
                 for alternative in group.split("|")]
        names = [n for n in names if n]
        if names:
            groups.append(names)
    return groups


class Resolver:
    def __init__(self, packages, provides, minimized=True):
        self.packages = packages
        self.provides = provides
        self.minimized = minimized

    def real(self, name, installed):
        """The package apt would choose for a name: itself, an installed provider, or the only
        (else the first sorted) provider."""
        if name in self.packages:
            return name
        providers = sorted(self.provides.get(name, []))
        for provider in providers:
            if provider in installed:
                return provider
        return providers[0] if providers else None

    def closure(self, names, installed, recommends, needed=True):
        """What installing `names` adds to `installed` (apt's choice of alternatives: one
        already there, else the first that exists)."""
        added = set()
        pending = list(names)
        while pending:
            name = self.real(pending.pop(), installed | added)
            if name is None or name in installed or name in added:
                continue
            added.add(name)
            fields = self.packages[name]
            relations = split_relations(fields.get("Pre-Depends", "")) + split_relations(fields.get("Depends", ""))
            for group in split_relations(fields.get("Recommends", "")):
                if recommends or (needed and NEEDED_RECOMMENDS.match(group[0])):
                    relations.append(group)
            for group in relations:
                chosen = None
                for alternative in group:
                    real = self.real(alternative, installed | added)
                    if real is not None and (real in installed or real in added):
                        chosen = None
                        break
                    if chosen is None and real is not None:
                        chosen = real
                else:
                    if chosen is not None:
                        pending.append(chosen)
        return added

    def size(self, names):
        # Manual pages, documentation and translations: debian:*-slim (and the slim language
        # images) tell dpkg not to unpack /usr/share/{man,doc,info,locale}, so they weigh
        # nothing there and little elsewhere.
        return sum(int(self.packages[n].get("Installed-Size", "0") or 0) for n in names
                   if not (self.minimized and DOCUMENTATION.search(n)))


def digest(names):
    """Hash of the script and the package list: the table's inputs besides the index."""
    h = hashlib.sha256()
    with open(os.path.abspath(__file__), "rb") as f:
        h.update(f.read())
    h.update("\n".join(names).encode())
    return h.hexdigest()[:16]


def snapshot_dates():
    dates = []
    lists = "/var/lib/apt/lists"
    for name in sorted(os.listdir(lists)):
        if name.endswith("InRelease") and "debian" in name:
            with open(os.path.join(lists, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("Date:"):
                        suite = name.split("_dists_")[1].split("_")[0]
                        dates.append((suite, line.split(":", 1)[1].strip()))
                        break
    return dates


def swift_string_list(names, indent="    "):
    lines, line = [], indent
    for name in names:
        piece = '"%s", ' % name
        if len(line) + len(piece) > 99:
            lines.append(line.rstrip())
            line = indent
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def variant_sets(resolver, base, buildpack):
    """What each buildpack-deps variant has installed, on a release's base: the bookworm
    images' names, as the same names are installed in every release."""
    installed_by_variant = {}
    installed = set(base)
    for variant in ("curl", "scm", "full"):
        installed |= resolver.closure([n for n in buildpack[variant] if resolver.real(n, installed)],
                                      installed, recommends=False, needed=False)
        installed_by_variant[variant] = set(installed)
    return installed_by_variant


def graph_rows(resolver, seeds, base):
    """A release's dependency graph, for installs apt is simulated on at lint time: the
    packages `seeds` reach through Depends, Pre-Depends and Recommends, one row per package
    sorted by name, its row number (from 0) its id. Row: `name KiB depends recommends`, each a
    comma-separated list of groups of `|`-separated ids in base 36 (`-` when none). apt
    installs the first alternative of a group when none is there, so only first alternatives'
    relations are followed; the others are rows without relations (unless reached otherwise),
    to be seen when installed. A virtual name stands for its providers, sorted; the recommends
    a build needs (NEEDED_RECOMMENDS) count as depends, marked `*`. A seed that is only a
    virtual name gets a row of 0 KiB depending on its providers. Also returns the ids of `base`."""
    packages, provides = resolver.packages, resolver.provides

    def expand(name):
        return [name] if name in packages else sorted(provides.get(name, []))

    relations = {}
    leaves = set()
    pending = [name for name in seeds if name in packages or name in provides]
    while pending:
        name = pending.pop()
        if name in relations:
            continue
        if name not in packages:
            relations[name] = ([expand(name)], [])
            pending.extend(expand(name))
            continue
        fields = packages[name]
        depends = split_relations(fields.get("Pre-Depends", "")) + split_relations(fields.get("Depends", ""))
        recommends = []
        needed = []
        for group in split_relations(fields.get("Recommends", "")):
            (needed if NEEDED_RECOMMENDS.match(group[0]) else recommends).append(group)
        depends += [["*"] + group for group in needed]

        def expanded(groups):
            result = []
            for group in groups:
                alternatives = []
                marked = group[0] == "*"
                for alternative in group[1:] if marked else group:
                    alternatives += [e for e in expand(alternative) if e not in alternatives]
                if alternatives:
                    result.append((["*"] if marked else []) + alternatives)
            return result

        relations[name] = (expanded(depends), expanded(recommends))
        # apt installs the first alternative when none is there: only its relations matter;
        # the others are rows too, to be seen when installed.
        for group in relations[name][0] + relations[name][1]:
            group = group[1:] if group[0] == "*" else group
            pending.append(group[0])
            leaves.update(group[1:])
    for name in leaves:
        relations.setdefault(name, ([], []))
    order = sorted(relations)
    ids = {name: number for number, name in enumerate(order)}

    def encoded(groups):
        return ",".join(("*" + "|".join(base36(ids[n]) for n in group[1:])) if group[0] == "*"
                        else "|".join(base36(ids[n]) for n in group) for group in groups) or "-"

    rows = ["%s %d %s %s" % (name, resolver.size([name]) if name in packages else 0,
                             encoded(relations[name][0]), encoded(relations[name][1]))
            for name in order]
    return rows, sorted(ids[name] for name in base if name in ids)


def base36(number):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if number == 0:
            return text


def write_graph(key, label, dates, rows, base_ids, names):
    """Writes PackageGraphs/<Key>.generated.swift."""
    out = []
    out.append("// Generated by Scripts/generate-package-facts.py from %s's package index; do not edit." % label)
    out.append("// Release dates: %s." % dates)
    out.append("// Inputs digest: %s" % digest(names))
    out.append("")
    out.append("extension PackageGraph {")
    out.append("  /// %s: the packages Dockerfiles install and all they can reach, for apt" % label)
    out.append("  /// simulations (see `Scripts/generate-package-facts.py`, `graph_rows`).")
    out.append("  static let %s = PackageGraph(" % key)
    out.append('    key: "%s", label: "%s",' % (key, label))
    out.append('    base: """')
    line = ""
    for number in (base36(i) for i in base_ids):
        if len(line) + len(number) + 1 > 90:
            out.append("      " + line)
            line = ""
        line += number + ","
    out.append("      " + line.rstrip(","))
    out.append('      """,')
    out.append('    rows: """')
    out += ["      " + row for row in rows]
    out.append('      """)')
    out.append("}")
    os.makedirs(GRAPHS, exist_ok=True)
    with open(os.path.join(GRAPHS, key.capitalize() + ".generated.swift"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def index_files(key, pockets, components):
    return [os.path.join(CACHE, "%s-%s-Packages.xz" % (pocket, component))
            for pocket in pockets for component in components]


def fetch():
    os.makedirs(CACHE, exist_ok=True)
    for key, _, mirror, pockets, components, _ in OTHER_RELEASES:
        for pocket in pockets:
            for component in components:
                url = "%s/dists/%s/%s/binary-amd64/Packages.xz" % (mirror, pocket, component)
                target = os.path.join(CACHE, "%s-%s-Packages.xz" % (pocket, component))
                print("fetching", url)
                urllib.request.urlretrieve(url, target)
            urllib.request.urlretrieve("%s/dists/%s/Release" % (mirror, pocket),
                                       os.path.join(CACHE, "%s-Release" % pocket))


def release_date(pocket):
    """The Date of a fetched pocket's Release file, as YYYY-MM-DD."""
    import email.utils
    with open(os.path.join(CACHE, "%s-Release" % pocket), encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("Date:"):
                return email.utils.parsedate_to_datetime(line.split(":", 1)[1].strip()).strftime("%Y-%m-%d")
    return "unknown"


def release_index(key):
    """The packages and providers of a fetched release `key` of OTHER_RELEASES."""
    _, _, _, pockets, components, _ = next(r for r in OTHER_RELEASES if r[0] == key)
    files = index_files(key, pockets, components)
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        sys.exit("%s is missing: run Scripts/generate-package-facts.py --fetch" % missing[0])
    # Later pockets (-updates) come last, so their records replace the release's.
    text = "\n\n".join(lzma.open(f, "rt", encoding="utf-8", errors="replace").read() for f in files)
    return index(text)


def derive_ubuntu_base(key):
    """Writes the package list of release `key`'s ubuntu image where its published manifest
    cannot be fetched: the `Priority: required` packages, apt and what they depend on. That
    rule gives the published jammy manifest exactly (101 of 101 names); on bionic and focal it
    misses only bzip2, which was `important` there and is `optional` since jammy."""
    packages, provides = release_index(key)
    resolver = Resolver(packages, provides)
    required = [n for n, f in packages.items() if f.get("Priority") == "required"]
    base = resolver.closure(required + ["apt"], set(), recommends=False, needed=False)
    _, label, _, pockets, _, _ = next(r for r in OTHER_RELEASES if r[0] == key)
    dates = ", ".join("%s %s" % (pocket, release_date(pocket)) for pocket in pockets)
    path = os.path.join(UBUNTU_MANIFESTS, key + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Packages of the official ubuntu:%s image (amd64), by name, derived from %s's index\n" % (key, label))
        f.write("# (%s) by Scripts/generate-package-facts.py --derive-ubuntu-base %s: the\n" % (dates, key))
        f.write("# Priority: required packages, apt and their dependencies (the published manifest is not\n")
        f.write("# reachable from here; the same rule gives jammy's published manifest exactly).\n")
        f.write("".join(name + "\n" for name in sorted(base)))
    print("%d packages written to %s" % (len(base), path))


def other_graphs(names, buildpack):
    """Writes each other release's graph, on its own base image (Ubuntu's: its manifest);
    returns their keys, labels and Release dates."""
    releases = []
    for key, label, _, pockets, components, minimized in OTHER_RELEASES:
        packages, provides = release_index(key)
        resolver = Resolver(packages, provides, minimized)
        if label.startswith("Ubuntu"):
            with open(os.path.join(UBUNTU_MANIFESTS, key + ".txt"), encoding="utf-8") as f:
                base = {line.strip() for line in f if line.strip() and not line.startswith("#")}
        else:
            required = [n for n, f in packages.items() if f.get("Priority") == "required"]
            base = resolver.closure(required + ["apt"], set(), recommends=False, needed=False)
        dates = ", ".join("%s %s" % (pocket, release_date(pocket)) for pocket in pockets)
        releases.append((key, label, dates))
        seeds = names + sorted(base) + sorted(set().union(*buildpack.values()))
        graph, base_ids = graph_rows(resolver, seeds, base)
        write_graph(key, label, dates, graph, base_ids, names)
    return releases


def generate(names):
    packages, provides = index()
    resolver = Resolver(packages, provides)
    required = [n for n, f in packages.items() if f.get("Priority") == "required"]
    base = resolver.closure(required + ["apt"], set(), recommends=False, needed=False)
    buildpack = buildpack_packages() if os.path.isdir(CORPUS) else None
    if buildpack is None:
        sys.exit("../shared/corpus is needed for the buildpack-deps package lists")
    installed_by_variant = variant_sets(resolver, base, buildpack)
    buildpack_sets = {variant: sorted(installed_by_variant[variant] - base)
                      for variant in ("curl", "scm", "full")}
    unknown = [name for name in names if resolver.real(name, base) is None]
    others = other_graphs(names, buildpack)
    import email.utils
    parsed = {suite: email.utils.parsedate_to_datetime(date) for suite, date in snapshot_dates()}
    dates = ", ".join("%s %s" % (suite, parsed[suite].strftime("%Y-%m-%d")) for suite in sorted(parsed))
    seeds = names + sorted(base) + sorted(set().union(*buildpack.values()))
    graph, base_ids = graph_rows(resolver, seeds, base)
    write_graph("bookworm", "Debian bookworm", dates, graph, base_ids, names)
    newest = max(parsed.values()).strftime("%Y-%m-%d") if parsed else "unknown"
    out = []
    out.append("// Generated by Scripts/generate-package-facts.py from Debian's package index; do not edit.")
    out.append("// Index: Debian bookworm amd64 main; Release dates:")
    out.append("// %s." % dates)
    out.append("// Inputs digest: %s" % digest(names))
    out.append("")
    out.append("extension PackageFacts {")
    out.append("  /// The snapshot the graphs were generated from.")
    out.append('  public static let snapshot = "Debian bookworm (amd64, main) as of %s"' % newest)
    out.append("  public static let inputsDigest = \"%s\"" % digest(names))
    out.append("")
    out.append("  /// Packages of debian:bookworm-slim: the `Priority: required` packages, apt and what")
    out.append("  /// they depend on.")
    out.append("  static let debianBase: Set<String> = [")
    out.append(swift_string_list(sorted(base)))
    out.append("  ]")
    for variant in ("curl", "scm", "full"):
        out.append("")
        out.append("  /// What buildpack-deps:bookworm%s adds to debian:bookworm." % ("" if variant == "full" else "-" + variant))
        out.append("  static let buildpackDeps%s: Set<String> = [" % variant.capitalize())
        out.append(swift_string_list(buildpack_sets[variant]))
        out.append("  ]")
    out.append("")
    out.append("  /// The other releases whose graphs are generated (PackageGraphs), with their Release dates.")
    out.append("  static let otherReleases: [(key: String, label: String, dates: String)] = [")
    for key, label, release_dates in others:
        out.append('    ("%s", "%s", "%s"),' % (key, label, release_dates))
    out.append("  ]")
    out.append("}")
    known_elsewhere = set()
    for key, _, _, _, _, _ in OTHER_RELEASES:
        other, other_provides = release_index(key)
        known_elsewhere |= {n for n in unknown if n in other or n in other_provides}
    still = len([n for n in unknown if n not in known_elsewhere])
    return "\n".join(out) + "\n", len(unknown), len(names) - len(unknown), still


def read_list():
    with open(LIST, encoding="utf-8") as f:
        return [line.split()[0] for line in f if line.strip() and not line.startswith("#")]


def main(arguments):
    if "--refresh-list" in arguments:
        if not os.path.isdir(CORPUS):
            sys.exit("../shared/corpus is not present")
        counts = corpus_packages()
        os.makedirs(os.path.dirname(LIST), exist_ok=True)
        with open(LIST, "w", encoding="utf-8") as f:
            f.write("# Packages the corpus's Dockerfiles install with apt, with how many times;\n")
            f.write("# regenerated by Scripts/generate-package-facts.py --refresh-list.\n")
            for name in sorted(counts):
                f.write("%s %d\n" % (name, counts[name]))
    names = read_list()
    if "--check" in arguments:
        with open(OUTPUT, encoding="utf-8") as f:
            current = f.read()
        graphs = [os.path.join(GRAPHS, key.capitalize() + ".generated.swift")
                  for key in ["bookworm"] + [release[0] for release in OTHER_RELEASES]]
        for path in graphs:
            if not os.path.exists(path):
                print("%s is missing: run Scripts/generate-package-facts.py" % os.path.basename(path))
                return 1
            with open(path, encoding="utf-8") as f:
                current += f.read()
        if current.count("Inputs digest: %s" % digest(names)) != 1 + len(graphs):
            print("PackageFacts.generated.swift is stale: run Scripts/generate-package-facts.py")
            return 1
        print("PackageFacts.generated.swift matches its inputs")
        return 0
    if "--derive-ubuntu-base" in arguments:
        derive_ubuntu_base(arguments[arguments.index("--derive-ubuntu-base") + 1])
        return 0
    if "--fetch" in arguments:
        fetch()
    text, unknown, known, still = generate(names)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("%d of the list's packages in Debian bookworm's index, %d not, %d of them in no other "
          "release read either" % (known, unknown, still))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
