/// How the programs rules ask about read their command lines (package managers are in
/// `PackageManagers.swift`): the options that take a value, per program family.
extension ArgumentSyntax {
  /// The syntax of `program` (a base name, lower-cased): its family's, or ``plain``.
  public static func of(_ program: String) -> ArgumentSyntax {
    if let syntax = byProgram[program] { return syntax }
    let family = ProgramNames.family(of: program)
    return family == program ? plain : byProgram[family] ?? plain
  }

  static let byProgram: [String: ArgumentSyntax] = {
    var table: [String: ArgumentSyntax] = [
      "curl": curl, "wget": wget, "useradd": useradd, "adduser": adduser, "usermod": usermod,
      "groupadd": groupadd, "addgroup": adduser, "chmod": chmod, "chown": chown, "chgrp": chown,
      "git": git, "apt-mark": ArgumentSyntax(hasSubcommand: true), "tar": tar, "rm": rm, "cp": cp,
      "mv": cp, "ln": cp, "mkdir": mkdir,
      "python": python, "sh": shell, "gcc": compiler, "g++": compiler, "cc": compiler,
      "c++": compiler, "clang": compiler, "clang++": compiler, "unzip": unzip, "su": su,
      "runuser": su, "sudo": Wrapper.sudo.syntax, "env": Wrapper.env.syntax,
    ]
    for (name, manager) in PackageManagers.syntaxes { table[name] = manager }
    for (name, wrapper) in Wrapper.byName where table[name] == nil { table[name] = wrapper.syntax }
    return table
  }()

  static let curl = ArgumentSyntax(valueOptions: [
    "-o", "--output", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary",
    "--data-urlencode", "--data-ascii", "--json", "-u", "--user", "-A", "--user-agent", "-e",
    "--referer", "-x", "--proxy", "-X", "--request", "-w", "--write-out", "-T",
    "--upload-file", "-m", "--max-time", "--connect-timeout", "--retry", "--retry-delay",
    "--retry-max-time", "-b", "--cookie", "-c", "--cookie-jar", "-F", "--form",
    "--form-string", "-K", "--config", "--cacert", "--capath", "--cert", "-E", "--key",
    "--cert-type", "--key-type", "--resolve", "--connect-to", "--limit-rate", "-r", "--range",
    "-z", "--time-cond", "--url", "--output-dir", "-C", "--continue-at", "-Y",
    "--speed-limit", "-y", "--speed-time", "--proto", "--proto-redir", "--proto-default",
    "--interface", "--dns-servers", "--max-filesize", "--netrc-file", "--oauth2-bearer",
    "--pinnedpubkey", "--unix-socket", "-Q", "--quote", "--ciphers", "--tls-max", "-t",
    "--telnet-option", "--expect100-timeout", "--keepalive-time", "--local-port",
    "--max-redirs", "--noproxy", "-U", "--proxy-user", "--socks4", "--socks4a", "--socks5",
    "--socks5-hostname", "--stderr", "--trace", "--trace-ascii", "-D", "--dump-header",
    "--aws-sigv4", "--variable", "--etag-save", "--etag-compare", "--hsts", "--alt-svc",
    "--preproxy", "--crlfile", "--engine", "--ftp-port", "-P", "--happy-eyeballs-timeout-ms",
    "--retry-all-errors-max",
  ])

  static let wget = ArgumentSyntax(valueOptions: [
    "-O", "--output-document", "-o", "--output-file", "-a", "--append-output", "-P",
    "--directory-prefix", "-U", "--user-agent", "--header", "-t", "--tries", "-T", "--timeout",
    "-w", "--wait", "--waitretry", "--user", "--password", "--post-data", "--post-file",
    "--body-data", "--body-file", "--method", "-e", "--execute", "--progress", "-i",
    "--input-file", "-B", "--base", "--ca-certificate", "--ca-directory", "--certificate",
    "--certificate-type", "--private-key", "--private-key-type", "-Q", "--quota",
    "--limit-rate", "-l", "--level", "-A", "--accept", "-R", "--reject", "-D", "--domains",
    "--exclude-domains", "-X", "--exclude-directories", "-I", "--include-directories",
    "--load-cookies", "--save-cookies", "--bind-address", "--dns-timeout", "--connect-timeout",
    "--read-timeout", "--http-user", "--http-password", "--proxy-user", "--proxy-password",
    "--referer", "--secure-protocol", "--cut-dirs", "--restrict-file-names", "--compression",
    "-n", "--local-encoding", "--remote-encoding", "--default-page", "--ftp-user",
    "--ftp-password", "--crl-file", "--pinnedpubkey", "--random-file", "--egd-file",
    "--hsts-file", "--rejected-log", "--config", "--use-askpass", "--prefer-family",
    "--report-speed", "--regex-type", "--accept-regex", "--reject-regex", "--max-redirect",
    "--ciphers",
  ])

  static let useradd = ArgumentSyntax(valueOptions: [
    "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "--home", "-s",
    "--shell", "-c", "--comment", "-k", "--skel", "-e", "--expiredate", "-f", "--inactive",
    "-K", "--key", "-p", "--password", "-R", "--root", "-P", "--prefix", "-b", "--base-dir",
    "-Z", "--selinux-user",
  ])

  static let usermod = ArgumentSyntax(valueOptions: [
    "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home", "-s", "--shell", "-c",
    "--comment", "-e", "--expiredate", "-f", "--inactive", "-p", "--password", "-R", "--root",
    "-P", "--prefix", "-Z", "--selinux-user", "-l", "--login", "-v", "--add-subuids", "-V",
    "--del-subuids", "-w", "--add-subgids", "-W", "--del-subgids",
  ])

  /// Debian's `adduser --uid N --ingroup G` and BusyBox's `adduser -u N -G G -h DIR` share
  /// the name; their option sets do not collide.
  static let adduser = ArgumentSyntax(valueOptions: [
    "--uid", "--gid", "--home", "--shell", "--gecos", "--ingroup", "--firstuid", "--lastuid",
    "--firstgid", "--lastgid", "--conf", "--comment", "--extrausers", "-u", "-g", "-G", "-h",
    "-s", "-k",
  ])

  static let groupadd = ArgumentSyntax(valueOptions: [
    "-g", "--gid", "-K", "--key", "-p", "--password", "-R", "--root", "-P", "--prefix",
  ])

  static let chmod = ArgumentSyntax(valueOptions: ["--reference"])
  static let chown = ArgumentSyntax(valueOptions: ["--reference", "--from"])
  static let rm = ArgumentSyntax()
  static let cp = ArgumentSyntax(valueOptions: [
    "-t", "--target-directory", "-S", "--suffix", "--backup", "--reflink", "--preserve",
  ])
  static let mkdir = ArgumentSyntax(valueOptions: ["-m", "--mode", "--context"])

  static let tar = ArgumentSyntax(valueOptions: [
    "-f", "--file", "-C", "--directory", "-T", "--files-from", "-X", "--exclude-from",
    "--exclude", "--strip-components", "--owner", "--group", "--mode", "--mtime", "-I",
    "--use-compress-program", "--transform", "--xform", "-b", "--blocking-factor", "-H",
    "--format", "--newer", "-N", "--after-date", "-V", "--label", "--checkpoint-action",
    "-L", "--tape-length", "--index-file", "--sort", "--warning", "--one-top-level",
  ])

  /// C compilers: one-dash options (`-static`, `-Wall`), some with a value (`-o out`).
  static let compiler = ArgumentSyntax(
    valueOptions: [
      "-o", "-I", "-L", "-l", "-D", "-U", "-x", "-MF", "-MT", "-MQ", "-include", "-isystem",
      "-idirafter", "-iquote", "-imacros", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-T",
      "-u", "-z", "-aux-info", "-G",
    ], singleDashLongOptions: true)

  /// `su` and `runuser`: `-c` takes the script.
  static let su = ArgumentSyntax(valueOptions: [
    "-c", "--command", "-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w",
    "--whitelist-environment", "-u", "--user", "-C", "--session-command",
  ])

  static let unzip = ArgumentSyntax(valueOptions: ["-d", "-P", "-x"])

  static let git = ArgumentSyntax(
    valueOptions: [
      "-b", "--branch", "--depth", "-c", "--config", "-o", "--origin", "--reference",
      "--reference-if-able", "--filter", "-j", "--jobs", "--shallow-since", "--shallow-exclude",
      "--separate-git-dir", "-u", "--upload-pack", "--template", "--recurse-submodules-depth",
      "-m", "--message", "-C", "--git-dir", "--work-tree", "--author", "-F", "--file",
      "--server-option", "--bundle-uri",
    ],
    globalValueOptions: ["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"],
    hasSubcommand: true, subcommandGroups: ["submodule", "remote", "config", "lfs"])

  static let python = ArgumentSyntax(
    valueOptions: ["-m", "-c", "-W", "-X", "--check-hash-based-pycs"], optionsEndAtOperand: true)

  /// `sh`, `bash` … : `-c` takes the script as the first operand (`bash -ec 'script'`),
  /// `-o option` takes a word.
  static let shell = ArgumentSyntax(
    valueOptions: ["-o", "+o", "-O", "+O", "--rcfile", "--init-file"], optionsEndAtOperand: true,
    plusOptions: true)
}

/// Programs that run the command after their own options and operands.
struct Wrapper: Sendable {
  var syntax: ArgumentSyntax
  /// Operands before the command (`timeout 10 cmd`, `gosu user cmd`).
  var leadingOperands = 0
  /// True when `NAME=value` words may precede the command (`env X=1 cmd`, `sudo X=1 cmd`).
  var takesAssignments = false
  /// Options with which the wrapper runs no command (`command -v x` only looks `x` up).
  var lookupOptions: Set<String> = []

  static let sudo = Wrapper(
    syntax: ArgumentSyntax(
      valueOptions: [
        "-u", "--user", "-g", "--group", "-h", "--host", "-p", "--prompt", "-C",
        "--close-from", "-r", "--role", "-t", "--type", "-D", "--chdir", "-T",
        "--command-timeout", "-U", "--other-user",
      ], optionsEndAtOperand: true), takesAssignments: true,
    lookupOptions: ["-l", "--list", "-v", "--validate", "-k", "-K", "-V", "-e", "--edit"])

  static let env = Wrapper(
    syntax: ArgumentSyntax(
      valueOptions: ["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
      optionsEndAtOperand: true), takesAssignments: true, lookupOptions: ["-S", "--split-string"])

  static let byName: [String: Wrapper] = [
    "sudo": sudo, "env": env,
    "xargs": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: [
          "-I", "-E", "-L", "-n", "-P", "-s", "-d", "-a", "--arg-file", "--delimiter",
          "--max-args", "--max-procs", "--max-lines", "--max-chars", "--eof",
          "--process-slot-var",
        ], optionsEndAtOperand: true)),
    "nice": Wrapper(
      syntax: ArgumentSyntax(valueOptions: ["-n", "--adjustment"], optionsEndAtOperand: true)),
    "ionice": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: ["-c", "--class", "-n", "--classdata"],
        optionsEndAtOperand: true), lookupOptions: ["-p", "--pid", "-P", "--pgid"]),
    "nohup": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true)),
    "time": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: ["-f", "--format", "-o", "--output"], optionsEndAtOperand: true)),
    "timeout": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: ["-s", "--signal", "-k", "--kill-after"], optionsEndAtOperand: true),
      leadingOperands: 1),
    "stdbuf": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: ["-i", "-o", "-e", "--input", "--output", "--error"],
        optionsEndAtOperand: true)),
    "exec": Wrapper(syntax: ArgumentSyntax(valueOptions: ["-a"], optionsEndAtOperand: true)),
    "command": Wrapper(
      syntax: ArgumentSyntax(optionsEndAtOperand: true), lookupOptions: ["-v", "-V"]),
    "builtin": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true)),
    "busybox": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true)),
    "eatmydata": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true)),
    "fakeroot": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: ["-l", "--lib", "--faked", "-s", "-i"], optionsEndAtOperand: true)),
    "gosu": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true), leadingOperands: 1),
    "su-exec": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true), leadingOperands: 1),
    "chronic": Wrapper(syntax: ArgumentSyntax(optionsEndAtOperand: true)),
    "retry": Wrapper(
      syntax: ArgumentSyntax(
        valueOptions: [
          "-t", "--tries", "-d", "--delay", "-s", "--sleep", "-m", "--min", "-x",
          "--max",
        ], optionsEndAtOperand: true)),
  ]
}

/// Program names that are one family (`pip3.12` reads like `pip`).
enum ProgramNames {
  /// The family of `program`: `pip` for `pip3` and `pip3.12`, `python` for `python3.12`,
  /// `dnf` for `dnf5` and `dnf-3`, `yarn` for `yarnpkg`, the shells' `sh` for `bash` …
  static func family(of program: String) -> String {
    if let known = aliases[program] { return known }
    // Versioned names start with one of the four prefixes: test the first letter before
    // comparing (this runs for every command).
    guard let first = program.utf8.first,
      first == UInt8(ascii: "p") || first == UInt8(ascii: "d") || first == UInt8(ascii: "y")
    else { return program }
    for prefix in versionedPrefixes where program.hasPrefix(prefix) {
      let rest = program.utf8.dropFirst(prefix.utf8.count)
      let isVersion = rest.allSatisfy {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".")
          || $0 == UInt8(ascii: "-")
      }
      if isVersion { return prefix }
    }
    return program
  }

  static let versionedPrefixes = ["pip", "python", "dnf", "yum"]

  static let aliases: [String: String] = [
    "bash": "sh", "ash": "sh", "dash": "sh", "zsh": "sh", "ksh": "sh", "mksh": "sh",
    "yarnpkg": "yarn", "mamba": "conda", "micromamba": "conda", "apt": "apt-get",
    "aptitude": "apt-get", "tdnf": "dnf", "microdnf": "dnf", "pypy3": "python", "pypy": "python",
  ]
}
