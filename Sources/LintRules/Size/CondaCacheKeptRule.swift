import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// conda, mamba and micromamba installs that keep their package cache in the layer.
struct CondaCacheKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1017", name: "conda-cache-kept", severity: .warning,
    summary: "conda/mamba/micromamba install without `clean --all` keeps the package cache.",
    fix: .safe)

  static let programs: Set<String> = ["conda", "mamba", "micromamba"]
  static let installs: Set<String> = ["install", "create", "update", "upgrade"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let instruction = file.instructions[position]
      // Cleaning counts only after the last install: `conda clean -a && conda install x` keeps x.
      let positions = Self.programs.flatMap { script.positions(of: $0) }.sorted()
      guard let last = positions.last(where: { Self.installsPackages(script.commands[$0]) })
      else { continue }
      let install = script.commands[last]
      let cleaned =
        positions.contains { $0 > last && Self.cleansPackages(script.commands[$0]) }
        || script.positions(of: "rm").contains {
          $0 > last && Self.removesPackageCache(script.commands[$0])
        }
      if cleaned || instruction.cacheMountTargets.contains(where: Self.isPackageCache) { continue }
      let arguments = install.parsedArguments
      guard let range = arguments.subcommandRange else { continue }
      findings.append(
        finding(
          range,
          "`\(install.program) \(arguments.verb)` leaves the downloaded archives and the extracted "
            + "packages in its `pkgs` cache in this layer: often hundreds of MB",
          help: "end the same RUN with `&& \(install.program) clean --all --yes`, or mount a "
            + "cache on the `pkgs` folder",
          fix: ShellEdits.append("\(install.program) clean --all --yes", to: position, in: file).map
          {
            Fix(title: "clean the cache at the end of the RUN", edits: [$0], safety: .safe)
          }))
    }
  }

  /// `conda install|create|update …` and `conda env create|update …`.
  static func installsPackages(_ command: ShellCommand) -> Bool {
    let verb = command.parsedArguments.verb
    return installs.contains(verb) || verb == "env create" || verb == "env update"
  }

  /// `clean --all` (`-a`, `-afy`), or the older `-tp…` pair: tarballs and unused packages.
  static func cleansPackages(_ command: ShellCommand) -> Bool {
    let arguments = command.parsedArguments
    guard arguments.verb == "clean" else { return false }
    return arguments.has("--all", "-a")
      || (arguments.has("--tarballs", "-t") && arguments.has("--packages", "-p"))
  }

  /// `rm -rf /opt/conda/pkgs/*` and the like, wherever the installation lives.
  static func removesPackageCache(_ remove: ShellCommand) -> Bool {
    remove.parsedArguments.operands.contains { isPackageCache($0.value) }
  }

  static func isPackageCache(_ path: String) -> Bool {
    var path = Substring(path)
    while path.hasSuffix("/*") || path.hasSuffix("/") {
      path = path.dropLast(path.hasSuffix("/*") ? 2 : 1)
    }
    return path.hasSuffix("/pkgs") || path == "pkgs"
  }
}
