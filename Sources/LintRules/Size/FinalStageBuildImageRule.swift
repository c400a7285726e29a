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
    // tool itself: shipping the toolchain is their purpose. Installing `git` (for `go get`)
    // proves nothing: only what the image runs at start does. Build tools installed next to a
    // startup script it cannot read (`CMD ["/run.sh"]` with make) likely serve that script.
    let programs = file.startupPrograms
    // A final stage named for development or tests (`dev`, `test`, `ci`) is a workspace.
    if let name = final.name, name.includes("dev") || name.includes("test") || name == "ci" {
      return
    }
    if programs.contains(where: { $0.program.hasSuffix(".sh") }),
      file.finalImageInstalls(where: {
        $0 != "git" && PackageManagers.buildToolPackages.contains($0)
      })
    {
      return
    }
    guard file.isApplicationImage else { return }
    // `dotnet test|run|watch`, `go test|run` and `make` need the SDK they run in, wherever
    // they appear in the startup command.
    if file.startupCommands.contains(where: {
      Self.buildTools.contains($0.program)
        || (["dotnet", "go"].contains($0.program)
          && Self.sdkCommands.contains($0.subcommand?.value ?? ""))
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
        "the final image is built on `\(image.text)`\(through), \(family.approximateSize(tag: image.tag)) of "
          + "\(family.contents) that the running program does not need",
        help: "build in this stage, then start a last stage `FROM` \(family.runtime) and "
          + "`COPY --from=` only the result"))
  }

  static let sdkCommands: Set<String> = [
    "test", "run", "watch", "build", "publish", "tool", "vet", "generate",
  ]
  static let interpreters = ["python", "pypy", "node", "ruby", "irb", "php", "perl"]
  static let buildTools: Set<String> = ["make", "mvn", "gradle", "cargo", "javac"]
}
