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

  /// Registry packages named without a version.
  public var unpinnedPackages: [RequestedPackage] {
    packages.filter { $0.source == .registry && !$0.isPinned }
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
  public func packageInstalls(at position: Int) -> [PackageInstall] {
    guard let script = scripts[position] else { return [] }
    var scope: VariableScope?
    var installs: [PackageInstall] = []
    var assigned: [String: String] = [:]
    for command in script.commands {
      if command.name == nil || command.program == "export" {
        let words = command.name == nil ? command.assignments : command.arguments
        for word in words where word.isLiteral {
          guard let equals = word.value.firstIndex(of: "=") else { continue }
          assigned[String(word.value[..<equals])] = String(
            word.value[word.value.index(after: equals)...])
        }
        continue
      }
      guard PackageManager.of(command) != nil else { continue }
      let known = assigned
      let install = command.packageInstall { name in
        if let value = known[name] { return value }
        if scope == nil { scope = variables(before: position) }
        return scope?[name]
      }
      if let install { installs.append(install) }
    }
    return installs
  }
}
