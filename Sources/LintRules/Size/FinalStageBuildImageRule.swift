import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The final image starts from a compiler/SDK image, so the whole toolchain ships.
struct FinalStageBuildImageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1001", name: "final-stage-build-image", severity: .warning,
    summary: "The final image is based on a compiler or SDK image, shipping the whole toolchain.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let final = file.finalStage, let image = file.finalBaseImage,
      let family = BaseImageKnowledge.buildFamily(of: image)
    else { return }
    // Toolchain images (SDK images, dev containers) set no command, or a shell or the build
    // tool itself: shipping the toolchain is their purpose.
    guard !file.finalImageInstallsBuildTools else { return }
    let programs = startupPrograms(file)
    guard !programs.isEmpty, !programs.contains(where: { Self.toolPrograms.contains($0.program) })
    else { return }
    // `dotnet test|run|watch` and `go test|run` need the SDK they run in.
    if programs.contains(where: {
      ["dotnet", "go"].contains($0.program) && Self.sdkCommands.contains($0.argument)
    }) {
      return
    }
    // Language images (python, node, pypy) built on buildpack-deps keep the compilers on
    // purpose, for native extensions; their slim variants are the small images.
    let runsInterpreter = programs.contains { entry in
      Self.interpreters.contains { entry.program.hasPrefix($0) }
    }
    if family.names.contains("buildpack-deps") && runsInterpreter { return }
    let anchor = final.baseStage == nil ? image.range : (final.baseWord?.range ?? image.range)
    let through = final.baseStage == nil ? "" : " (through stage `\(final.baseWord?.text ?? "")`)"
    findings.append(
      finding(
        anchor,
        "the final image is built on `\(image.text)`\(through), \(family.approximateSize) of "
          + "\(family.contents) that the running program does not need",
        help: "build in this stage, then start a last stage `FROM` \(family.runtime) and "
          + "`COPY --from=` only the result"))
  }

  static let toolPrograms: Set<String> = [
    "sh", "bash", "zsh", "ash", "dash", "fish", "pwsh", "powershell", "cmd", "mvn", "gradle",
    "cargo", "rustc", "rustup", "gcc", "g++", "make", "cmake", "jshell", "ghci", "stack", "cabal",
    "iex", "mix", "erl", "swift", "sleep", "tail", "jenkins-agent", "jenkins-slave", "dlv",
  ]

  static let wrappers: Set<String> = ["tini", "dumb-init", "gosu", "su-exec", "tini-static"]
  static let sdkCommands: Set<String> = [
    "test", "run", "watch", "build", "publish", "tool", "vet", "generate",
  ]
  static let interpreters = ["python", "pypy", "node", "ruby", "irb", "php", "perl"]

  /// The programs (and their first argument) of the final image's ENTRYPOINT and CMD; an
  /// entrypoint script usually runs CMD.
  func startupPrograms(_ file: AnalyzedDockerfile) -> [(program: String, argument: String)] {
    let positions = file.finalImagePositions
    var programs: [(program: String, argument: String)] = []
    for kind in [InstructionKind.entrypoint, .cmd] {
      guard let position = positions.last(where: { file.instructions[$0].kind == kind }) else {
        continue
      }
      let words: [String]
      switch file.instructions[position].arguments {
      case .exec(let list): words = list.map(\.text)
      case .text(let word): words = word.text.split(separator: " ").map(String.init)
      default: words = []
      }
      // Init wrappers run the real program after their own options.
      var rest = words[...]
      while let first = rest.first, Self.wrappers.contains(Paths.baseName(first).lowercased()) {
        rest = rest.dropFirst().drop { $0.hasPrefix("-") }
      }
      guard let first = rest.first, !first.isEmpty else { continue }
      programs.append((Paths.baseName(first).lowercased(), rest.dropFirst().first ?? ""))
    }
    return programs
  }
}
