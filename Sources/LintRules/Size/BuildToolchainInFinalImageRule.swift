import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Compilers and build tools installed in the final image and never removed.
struct BuildToolchainInFinalImageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1011", name: "build-toolchain-in-final-image", severity: .info,
    summary: "Compilers or build tools are installed in the final image and never removed.",
    enabledByDefault: false)

  /// The size of a toolchain package with its dependencies: Debian's from bookworm's package
  /// graph (`PackageFacts.installedSize`, what it adds to `debian:*-slim`), others approximate. `make` alone
  /// (1.6 MB on Debian) is not worth a warning.
  static func size(of name: String, manager: PackageManager) -> String? {
    guard sizes[name] != nil else { return nil }
    if manager == .apt, let bytes = PackageFacts.installedSize(of: name), bytes > 0 {
      return "\(ByteCount.describe(bytes)) on Debian bookworm"
    }
    return sizes[name]
  }

  static let sizes = [
    "build-essential": "~250 MB", "gcc": "~100 MB", "g++": "~100 MB", "gcc-c++": "~100 MB",
    "clang": "~300 MB",
    "build-base": "~200 MB", "cmake": "~40 MB",
  ]
  static let removers: [String: Set<String>] = [
    "apt-get": ["purge", "remove", "autoremove"], "apt": ["purge", "remove", "autoremove"],
    "apk": ["del"], "yum": ["remove", "erase", "autoremove"],
    "dnf": ["remove", "erase", "autoremove"],
  ]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // On a compiler image the toolchain is there anyway (BL1001 is about that).
    if let base = file.finalBaseImage, BaseImageKnowledge.buildFamily(of: base) != nil { return }
    // Toolchain, CI and development images install compilers on purpose.
    guard file.isApplicationImage else { return }
    let positions = file.finalImagePositions
    var removedLater: Set<String> = []
    for position in positions {
      for command in file.scripts[position]?.commands ?? [] {
        let arguments = command.parsedArguments
        if let verbs = Self.removers[command.program], verbs.contains(arguments.verb) {
          removedLater.formUnion(arguments.operands.map(\.value))
        }
      }
    }
    for position in positions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      // `apt-mark auto …; apt-get purge --auto-remove` removes whatever was installed in the RUN.
      let purgesAuto =
        script.commands.contains {
          $0.program == "apt-mark" && $0.parsedArguments.verb == "auto"
        }
        && script.commands.contains {
          PackageManager.of($0) != nil
            && ["purge", "autoremove", "remove"].contains($0.parsedArguments.verb)
        }
      if purgesAuto { continue }
      for command in script.commands {
        guard let install = command.packageInstall, install.manager.installsSystemPackages else {
          continue
        }
        // `apk add --virtual .build-deps …` followed by `apk del .build-deps` is the idiom.
        if install.manager == .apk, let group = install.arguments.value("--virtual", "-t")?.value,
          removedLater.contains(group)
        {
          continue
        }
        if removedLater.contains("build-essential") || removedLater.contains("$buildDeps") {
          continue
        }
        for package in install.packages where package.word.isLiteral && package.source == .registry
        {
          let name = package.name
          let word = package.word
          guard let size = Self.size(of: name, manager: install.manager),
            !removedLater.contains(name)
          else { continue }
          findings.append(
            finding(
              word.range,
              "`\(name)` (\(size) with its dependencies) stays in the final image, though a running "
                + "program rarely needs a compiler",
              help: "compile in a build stage and copy the result, or remove it in the same RUN "
                + "(`apt-get purge -y --auto-remove`, `apk add --virtual .build-deps … && apk del .build-deps`)"
            ))
        }
      }
    }
  }
}
