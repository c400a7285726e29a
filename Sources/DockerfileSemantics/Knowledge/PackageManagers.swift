/// The package managers whose install commands ballast reads, each described once: its
/// programs, how its command line reads, which subcommands install, and how a package and its
/// version are written (see `PackageSpecReader`).
public enum PackageManager: String, Sendable, CaseIterable {
  case apt, apk, dnf, yum, zypper, pip, npm, yarn, pnpm, gem, go, conda, cargo

  /// True for the distribution's own packages (apt, apk, the RPM family).
  public var installsSystemPackages: Bool {
    switch self {
    case .apt, .apk, .dnf, .yum, .zypper: return true
    default: return false
    }
  }

  /// The manager `command` runs, if any (`pip` for `python3 -m pip`, `uv pip` and `pip3.12`;
  /// `dnf` for `dnf5`, `microdnf` and `tdnf`; `conda` for `mamba` and `micromamba`).
  public static func of(_ command: ShellCommand) -> PackageManager? {
    if let manager = command.programManager { return manager }
    guard command.family == "uv" else { return nil }
    return command.arguments.first { !$0.value.hasPrefix("-") }?.value == "pip" ? .pip : nil
  }

  /// The manager a program is by its name alone (`ShellCommand` stores it).
  static func of(program: String, family: String) -> PackageManager? {
    if let manager = byProgram[program] { return manager }
    switch family {
    case "pip": return .pip
    case "dnf": return .dnf
    case "yum": return .yum
    default: return nil
    }
  }

  static let byProgram: [String: PackageManager] = [
    "apt-get": .apt, "apt": .apt, "aptitude": .apt, "apk": .apk, "dnf": .dnf, "dnf5": .dnf,
    "microdnf": .dnf, "tdnf": .dnf, "yum": .yum, "zypper": .zypper, "pip": .pip, "pipx": .pip,
    "npm": .npm, "yarn": .yarn, "yarnpkg": .yarn, "pnpm": .pnpm, "gem": .gem, "go": .go,
    "conda": .conda, "mamba": .conda, "micromamba": .conda, "cargo": .cargo,
  ]

  /// Subcommands (joined by spaces, as ``CommandArguments/verb``) that install the operands.
  public var installVerbs: Set<String> { Self.installVerbTable[self] ?? [] }

  // Built once: a Set literal in a getter is hashed anew on every call.
  private static let installVerbTable = Dictionary(
    uniqueKeysWithValues: allCases.map { ($0, $0.listedInstallVerbs) })
  private static let confirmingVerbTable = Dictionary(
    uniqueKeysWithValues: allCases.map { ($0, $0.listedConfirmingVerbs) })

  private var listedInstallVerbs: Set<String> {
    switch self {
    case .apt: return ["install", "reinstall"]
    case .apk: return ["add"]
    case .dnf, .yum:
      return [
        "install", "localinstall", "reinstall", "groupinstall", "group install",
        "groups install", "module install",
      ]
    case .zypper: return ["install", "in"]
    case .pip: return ["install", "pip install"]
    case .npm:
      return [
        "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal",
        "isntall", "add",
      ]
    case .yarn: return ["add", "global add"]
    case .pnpm: return ["add", "install", "i"]
    case .gem: return ["install", "i"]
    case .go: return ["install", "get"]
    case .conda: return ["install", "create"]
    case .cargo: return ["install"]
    }
  }
}

extension PackageManagers {
  /// How each manager's command line reads (the options that take a value).
  static let syntaxes: [String: ArgumentSyntax] = [
    "apt-get": apt, "apk": apk, "dnf": rpm, "yum": rpm, "zypper": zypper, "pip": pip,
    "pipx": pip, "uv": uv, "npm": npm, "yarn": yarn, "pnpm": pnpm, "gem": gem, "go": go,
    "conda": conda, "cargo": cargo,
  ]

  static let apt = ArgumentSyntax(
    valueOptions: [
      "-o", "--option", "-t", "--target-release", "--default-release", "-c", "--config-file",
      "-a", "--host-architecture", "-P", "--build-profiles", "--solver", "-S", "--snapshot",
    ], hasSubcommand: true)

  static let apk = ArgumentSyntax(
    valueOptions: [
      "-t", "--virtual", "-X", "--repository", "--repositories-file", "-p", "--root", "--arch",
      "--cache-dir", "--keys-dir", "--cache-max-age", "--timeout",
    ], hasSubcommand: true)

  static let rpm = ArgumentSyntax(
    valueOptions: [
      "--setopt", "--enablerepo", "--disablerepo", "--repo", "--repoid", "--releasever",
      "--installroot", "-c", "--config", "-x", "--exclude", "--excludepkgs", "--disableplugin",
      "--enableplugin", "--forcearch", "-d", "--debuglevel", "-e", "--errorlevel",
      "--rpmverbosity", "--downloaddir", "--destdir", "--repofrompath", "--color",
      "--disableexcludes", "--comment", "--advisory", "--advisories", "--bz", "--cve",
      "--sec-severity", "--secseverity", "--platform-id", "--use-host-config",
    ], hasSubcommand: true, subcommandGroups: ["module", "group", "groups"])

  static let zypper = ArgumentSyntax(
    valueOptions: [
      "-t", "--type", "-r", "--repo", "--from", "--download", "--root", "-R",
    ],
    globalValueOptions: [
      "-R", "--root", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir",
      "--solv-cache-dir", "--pkg-cache-dir", "-c", "--config", "--userdata", "--releasever",
      "--installroot",
    ], hasSubcommand: true)

  static let pipOptions: Set<String> = [
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "-i",
    "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--proxy",
    "--python", "--platform", "--python-version", "--implementation", "--abi", "--prefix",
    "--root", "--src", "--upgrade-strategy", "--progress-bar", "--root-user-action", "--log",
    "--cache-dir", "--timeout", "--retries", "--exists-action", "--cert", "--client-cert",
    "--global-option", "--install-option", "--config-settings", "-C", "--no-binary",
    "--only-binary", "--report", "--keyring-provider", "--use-feature", "--use-deprecated",
    "-b", "--build",
  ]
  static let pip = ArgumentSyntax(valueOptions: pipOptions, hasSubcommand: true)
  static let uv = ArgumentSyntax(
    valueOptions: pipOptions.union([
      "-p", "--index", "--default-index", "--index-strategy", "--resolution", "--prerelease",
      "--exclude-newer", "--override", "--overrides", "--build-constraint", "--link-mode",
      "--python-platform", "--reinstall-package", "--refresh-package", "--directory",
      "--project", "--config-file", "--color", "--extra", "--group", "--torch-backend",
    ]), hasSubcommand: true, subcommandGroups: ["pip", "tool"])

  static let npm = ArgumentSyntax(
    valueOptions: [
      "--registry", "--prefix", "--loglevel", "-w", "--workspace", "--cache", "--userconfig",
      "--globalconfig", "--tag", "--only", "--omit", "--include", "--install-strategy",
      "--location", "--save-prefix", "-C", "--before", "--fetch-retries", "--fetch-timeout",
      "--auth-type", "--otp", "--scope", "--script-shell", "--node-options", "--userconfig",
      "--maxsockets", "--network-concurrency",
    ], hasSubcommand: true)

  static let yarn = ArgumentSyntax(
    valueOptions: [
      "--cache-folder", "--modules-folder", "--network-timeout", "--registry", "--mutex",
      "--cwd", "--prefix", "--global-folder", "--network-concurrency", "--link-folder",
      "--use-yarnrc", "--preferred-cache-folder", "--https-proxy", "--proxy",
    ], hasSubcommand: true, subcommandGroups: ["global"])

  static let pnpm = ArgumentSyntax(
    valueOptions: [
      "-C", "--dir", "-F", "--filter", "--store-dir", "--registry", "--reporter", "--loglevel",
      "--virtual-store-dir", "--modules-dir", "--workspace-concurrency", "--network-concurrency",
      "--child-concurrency", "--config",
    ], hasSubcommand: true)

  static let gem = ArgumentSyntax(
    valueOptions: [
      "-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-p",
      "--http-proxy", "--platform", "-P", "--trust-policy", "--document", "--build-root", "-g",
      "--file", "--config-file", "--target-rbconfig",
    ], hasSubcommand: true)

  static let go = ArgumentSyntax(
    valueOptions: [
      "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-modfile", "-o", "-p", "-C",
      "-pkgdir", "-toolexec", "-overlay", "-pgo", "-buildmode", "-compiler", "-gccgoflags",
      "-installsuffix", "-exec", "-coverpkg", "-covermode", "-run", "-bench", "-count",
      "-timeout", "-cpu", "-parallel", "--ldflags", "--tags", "-buildvcs",
    ], hasSubcommand: true, subcommandGroups: ["mod", "tool", "work"],
    singleDashLongOptions: true)

  static let conda = ArgumentSyntax(
    valueOptions: [
      "-c", "--channel", "-n", "--name", "-p", "--prefix", "--file", "-f", "--solver",
      "--repodata-fn", "--experimental-solver", "--root-prefix", "-r",
    ], hasSubcommand: true, subcommandValueOptions: ["clean": []], subcommandGroups: ["env"])

  static let cargo = ArgumentSyntax(
    valueOptions: [
      "--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root",
      "--index", "--registry", "--features", "-F", "--target", "--target-dir", "-j", "--jobs",
      "--profile", "--bin", "--example", "--config", "-Z",
    ], hasSubcommand: true)
}

/// Package-manager facts shared by rules.
public enum PackageManagers {
  /// Packages that make an image a build or development environment.
  public static let buildToolPackages: Set<String> = [
    "gcc", "g++", "gcc-c++", "clang", "make", "cmake", "build-essential", "build-base",
    "autoconf", "automake", "libtool", "musl-dev", "libc6-dev", "git", "maven", "gradle",
  ]

  /// Names of the system packages `command` installs (apt, apk and the RPM family), or nil
  /// when it installs none.
  public static func installedPackages(_ command: ShellCommand) -> [String]? {
    guard let install = command.packageInstall, install.manager.installsSystemPackages else {
      return nil
    }
    return install.packages.filter { $0.source == .registry && $0.word.isLiteral }.map(\.name)
  }
}

extension AnalyzedDockerfile {
  /// True when the final image installs compilers or other build tools itself: it is meant
  /// as a build or development environment.
  public var finalImageInstallsBuildTools: Bool {
    finalImageInstalls { PackageManagers.buildToolPackages.contains($0) }
  }

  /// True when a package manager in the final image installs a package `accept` takes.
  public func finalImageInstalls(where accept: (String) -> Bool) -> Bool {
    finalImagePositions.contains { installedSystemPackages[$0].contains(where: accept) }
  }
}

extension ShellCommand {
  /// `apt-get update` or `apt update`.
  public var isAptUpdate: Bool {
    (program == "apt-get" || program == "apt") && parsedArguments.verb == "update"
  }
}

extension ShellScript {
  /// True when a system package manager installs or upgrades packages in this script.
  public var installsPackages: Bool {
    commands.contains { command in
      guard let manager = PackageManager.of(command), manager.installsSystemPackages else {
        return false
      }
      let verb = command.parsedArguments.verb
      return manager.installVerbs.contains(verb)
        || Self.aptUpgradeVerbs.contains(verb)
    }
  }

  private static let aptUpgradeVerbs: Set<String> = [
    "upgrade", "dist-upgrade", "full-upgrade", "build-dep",
  ]
}

extension ShellCommand {
  /// The subcommand word of a package-manager command that stops at its "Do you want to
  /// continue?" in a build: it changes packages, nothing answers (no `-y` or what implies it,
  /// nothing piped in, no word of unknown value that may hold `-y`), and a build has no
  /// terminal. Such a command changes nothing beyond the named packages: were anything else
  /// needed, it would ask, read no answer, and fail the RUN.
  public var confirmationPrompt: ShellWord? {
    guard let manager = PackageManager.of(self), !manager.confirmingVerbs.isEmpty else {
      return nil
    }
    let arguments = parsedArguments
    guard let verb = arguments.subcommand, manager.confirmingVerbs.contains(arguments.verb),
      !arguments.hasUnknownWords, !manager.answersConfirmation(self, arguments),
      // `yes | apt-get install x`, `echo y | …`: something answers on standard input.
      separator != "|"
    else { return nil }
    return verb
  }
}

extension PackageManager {
  /// Subcommands (as ``CommandArguments/verb``) that ask "Do you want to continue?" before
  /// they change the system, unless told to assume yes.
  public var confirmingVerbs: Set<String> { Self.confirmingVerbTable[self] ?? [] }

  fileprivate var listedConfirmingVerbs: Set<String> {
    switch self {
    case .apt:
      return [
        "install", "reinstall", "remove", "purge", "upgrade", "dist-upgrade", "full-upgrade",
        "autoremove", "autopurge", "build-dep", "satisfy",
      ]
    case .dnf, .yum:
      return [
        "install", "localinstall", "reinstall", "remove", "erase", "update", "upgrade",
        "downgrade", "autoremove", "distro-sync", "groupinstall", "group install",
        "groups install", "groupremove", "group remove", "module install", "swap",
        "update-minimal", "upgrade-minimal",
      ]
    case .zypper:
      return [
        "install", "in", "remove", "rm", "update", "up", "dist-upgrade", "dup", "patch",
        "source-install", "si",
      ]
    default: return []
    }
  }

  /// True when `command` (of this manager, with `arguments`) answers its confirmation itself:
  /// `-y`/`--yes`/`--assume-yes`, apt's `-qq` (which implies `-y`) and simulations, dnf's
  /// `--assumeyes`/`--assumeno` or `--setopt=assumeyes=1`, zypper's global `-n` /
  /// `--non-interactive` or its `-y`/`--no-confirm`; microdnf never asks.
  public func answersConfirmation(_ command: ShellCommand, _ arguments: CommandArguments)
    -> Bool
  {
    switch self {
    case .apt:
      if arguments.has("-y", "--yes", "--assume-yes", "--assume-no") { return true }
      if arguments.has("-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon") {
        return true
      }
      let quiet = arguments.values("-q", "--quiet").map(\.value)
      if arguments.count("-q", "--quiet") - quiet.count >= 2 || quiet.contains(where: { $0 >= "2" })
      {
        return true
      }
      return arguments.values("-o", "--option").contains {
        let setting = $0.value.lowercased()
        return setting.hasPrefix("apt::get::assume-yes=")
          && ["1", "true", "yes"].contains(setting.split(separator: "=").last.map(String.init))
      }
    case .dnf, .yum:
      if command.program == "microdnf" { return true }
      if arguments.has("-y", "--assumeyes", "--assumeno") { return true }
      return arguments.values("--setopt").contains { word in
        let setting = String(word.value.lowercased().filter { $0 != " " })
        return ["assumeyes=1", "assumeyes=true", "assumeyes=yes"].contains(setting)
      }
    case .zypper:
      return arguments.has("-n", "--non-interactive", "-y", "--no-confirm")
    default:
      return true
    }
  }
}
