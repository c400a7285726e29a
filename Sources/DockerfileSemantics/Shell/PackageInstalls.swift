import DockerfileSyntax

/// One package an install command asks for, read with its manager's notation.
public struct RequestedPackage: Sendable, Hashable {
  /// Where the package comes from.
  public enum Source: Sendable, Hashable {
    /// A name looked up in the manager's repositories or registry.
    case registry
    /// A package file (`./x.deb`, `/tmp/x.rpm`, `dist/x.whl`, `x.tgz`).
    case file
    /// A folder (`.`, `./lib`, `-e .`).
    case directory
    /// A download (`https://…/x.rpm`).
    case url
    /// A repository checkout (`git+https://…`, `github:user/repo`, `user/repo`).
    case vcs
    /// A file listing the packages (`-r requirements.txt`, `--file env.txt`).
    case requirements
    /// A group or module of packages (`@development-tools`, `dnf group install x`).
    case group
    /// A word whose value ballast does not know (`$PACKAGES`, `$(cat list)`).
    case unknown
  }

  /// The word naming the package (a variable's expansion keeps the variable's word).
  public var word: ShellWord
  /// The package name without its version (`curl` for `curl=7.88.1-10`); the path or address
  /// for files, folders and downloads.
  public var name: String
  /// The version or constraint as written (`7.88.1-10`, `1.*`, `>=1`, a ref), nil for none.
  public var version: String?
  public var source: Source
  /// The release (suite) the package is taken from, when the command names one: apt's
  /// `name/bookworm-backports` or `-t bookworm-backports`. Not a version: the release moves
  /// with its updates, but it is the suite the Dockerfile chose.
  public var release: String?
  /// True when the word fixes what gets installed: a version or constraint for registry
  /// packages, a ref for checkouts. Files, folders and downloads are pinned by their content.
  public var isPinned: Bool
}

/// What one package manager's install command asks for.
public struct PackageInstall: Sendable {
  public var manager: PackageManager
  public var command: ShellCommand
  public var arguments: CommandArguments
  /// The subcommand word that installs (`install`, `add`, `groupinstall`).
  public var verb: ShellWord
  public var packages: [RequestedPackage]

  /// True when some of the packages come from stdin or a word ballast cannot read (`xargs`,
  /// `$PACKAGES` with no known value), so the list is not complete.
  public var hasUnknownPackages: Bool {
    command.wrapper("xargs") != nil || packages.contains { $0.source == .unknown }
  }

  /// True when the command only pretends or downloads: apt's `-s`/`--simulate` (and its
  /// aliases) or `-d`/`--download-only`, dnf's and yum's `--downloadonly`, `--assumeno`,
  /// pip's and npm's `--dry-run`.
  public var installsNothing: Bool {
    switch manager {
    case .apt:
      return arguments.has(
        "-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon", "-d",
        "--download-only", "--print-uris")
    case .dnf, .yum: return arguments.has("--downloadonly", "--assumeno")
    case .zypper: return arguments.has("--dry-run", "-D", "--download-only", "-d")
    case .pip, .npm, .pnpm: return arguments.has("--dry-run")
    default: return false
    }
  }

  /// Registry packages named without a version.
  public var unpinnedPackages: [RequestedPackage] {
    packages.filter { $0.source == .registry && !$0.isPinned }
  }

  /// What this install takes at whatever version is newest when the image is built: registry
  /// packages without a version or release, and checkouts without a ref
  /// (`git+https://…/x.git`). Files, folders, downloads, requirement files and words ballast
  /// cannot read are left out.
  public var floatingPackages: [RequestedPackage] {
    guard !installsNothing else { return [] }
    return packages.filter {
      ($0.source == .registry || $0.source == .vcs) && !$0.isPinned && $0.release == nil
    }
  }
}

extension ShellCommand {
  /// The install this command runs (`apt-get install`, `pip install`, `npm i` …), or nil.
  public var packageInstall: PackageInstall? { packageInstall(variables: { _ in nil }) }

  /// The install this command runs, the words that use variables read with `variables`
  /// (unquoted expansions split on blanks, as the shell does).
  public func packageInstall(variables: (String) -> String?) -> PackageInstall? {
    guard let manager = PackageManager.of(self) else { return nil }
    let arguments = parsedArguments
    guard let verb = arguments.subcommand, manager.installVerbs.contains(arguments.verb) else {
      return nil
    }
    let packages = withoutActuallyEscaping(variables) { lookup in
      var reader = PackageSpecReader(
        manager: manager, verb: arguments.verb, arguments: arguments, variables: lookup)
      return reader.packages()
    }
    return PackageInstall(
      manager: manager, command: self, arguments: arguments, verb: verb, packages: packages)
  }
}

extension ShellScript {
  /// Every package install of this script, in order.
  public var packageInstalls: [PackageInstall] { commands.compactMap(\.packageInstall) }
}

extension AnalyzedDockerfile {
  /// The package installs of the RUN at `position`, with the variables known there (ARG and
  /// ENV values, and assignments made earlier in the same RUN) read into the package words.
  /// Computed when asked, not stored: a file of many RUNs would keep every install's parsed
  /// words, and most rules that ask look at one package manager only.
  public func packageInstalls(at position: Int) -> [PackageInstall] {
    guard let script = scripts[position] else { return [] }
    var scope: VariableScope?
    var installs: [PackageInstall] = []
    var assigned: [String: String] = [:]
    func lookup(_ name: String) -> String? {
      if let value = assigned[name] { return value }
      if scope == nil { scope = variables(before: position) }
      return scope?[name]
    }
    for command in script.commands {
      if let words = Self.persistentAssignments(command) {
        for word in words {
          guard let equals = word.value.firstIndex(of: "=") else { continue }
          let name = String(word.value[..<equals])
          let value = String(word.value[word.value.index(after: equals)...])
          if word.isLiteral {
            assigned[name] = value
          } else if !value.includes("$("), !value.contains("`"),
            let expanded = VariableExpander(for: value, escape: "\\", lookup: lookup).expand(value),
            expanded.utf8.count <= Self.longestAssembledValue
          {
            // `ALL="$BASE curl"`: the value once the variables known here are read.
            assigned[name] = expanded
          } else {
            assigned[name] = nil
          }
        }
        if command.name == nil || command.program == "export" { continue }
      }
      guard PackageManager.of(command) != nil else { continue }
      let install = command.packageInstall(variables: lookup)
      if let install { installs.append(install) }
    }
    return installs
  }

  /// The longest value an assignment that reads other variables keeps (`L="$L x"` repeated
  /// grows it); longer ones are unknown, so that a long RUN stays linear.
  static let longestAssembledValue = 4096

  /// The `NAME=value` words of `command` that stay set for the rest of the script: those of
  /// an assignment on its own, `export`'s operands, and those before a special built-in
  /// (`deps='gcc make' set -x`), which POSIX keeps in the shell; nil for none.
  static func persistentAssignments(_ command: ShellCommand) -> [ShellWord]? {
    guard command.wrappers.isEmpty else { return nil }
    if command.name == nil { return command.assignments }
    if command.program == "export" || command.program == "readonly" {
      return command.arguments.filter { $0.value.contains("=") && !$0.value.hasPrefix("-") }
    }
    if ["set", ":", ".", "eval", "shift", "trap", "umask"].contains(command.program),
      !command.assignments.isEmpty
    {
      return command.assignments
    }
    return nil
  }
}
