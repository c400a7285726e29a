import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A binary built with dynamic linking, copied into an image that has no libc.
struct DynamicBinaryOnScratchRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4002", name: "dynamic-binary-on-scratch", severity: .error,
    summary: "A binary that may link libc dynamically is copied into scratch or static distroless.",
    fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let base = file.finalBaseImage, BaseImageKnowledge.isStaticRuntime(base) else { return }
    var reported: Set<Int> = []
    for position in file.finalImagePositions {
      let copy = file.instructions[position]
      guard copy.kind == .copy, let from = copy.flag("from")?.value,
        let stage = file.stage(named: from),
        reported.insert(stage.index).inserted
      else { continue }
      for builder in stage.chain(in: file.stages) {
        for index in builder.instructionIndices {
          guard let script = file.scripts[index] else { continue }
          for command in script.commands {
            guard
              let problem = dynamicBuild(
                command, script: script, at: index, in: file, stage: builder)
            else { continue }
            findings.append(
              finding(
                command.subcommand?.range ?? command.range,
                "\(problem.what) may link libc dynamically, and the result is copied into "
                  + "`\(base.text)` on line \(copy.startLine), which has no libc: the binary will not start",
                help: problem.fix, fix: fix(command, at: index, in: file),
                related: [
                  RelatedLocation(
                    range: copy.flag("from")?.range ?? copy.keywordRange,
                    message: "copied into `\(base.text)` here")
                ]))
          }
        }
      }
    }
  }

  func dynamicBuild(
    _ command: ShellCommand, script: ShellScript, at position: Int, in file: AnalyzedDockerfile,
    stage: Stage
  ) -> (what: String, fix: String)? {
    let root = stage.rootImage(in: file.stages)
    // Flags hidden in variables ($CFLAGS, $GOFLAGS) may well make the build static.
    guard command.arguments.allSatisfy(\.isLiteral) else { return nil }
    let baseText = (root?.text ?? stage.chain(in: file.stages).last?.baseWord?.text ?? "")
      .lowercased()
    switch command.program {
    case "go":
      guard command.subcommand?.value == "build" else { return nil }
      let environment = file.variables(before: position)
      let exported = (script.commands("export") + script.commands("env")).contains {
        $0.argumentValues.contains("CGO_ENABLED=0")
      }
      if command.assignment("CGO_ENABLED") == "0" || environment["CGO_ENABLED"] == "0" || exported {
        return nil
      }
      if command.argumentValues.contains(where: { $0.includes("-static") || $0.includes("netgo") })
      {
        return nil
      }
      // Alpine's Go image has no C compiler, so cgo is off unless one is installed.
      if baseText.includes("alpine"), !installsCompiler(in: stage, file: file) {
        return nil
      }
      return ("`go build` without `CGO_ENABLED=0`", "build with `CGO_ENABLED=0 go build …`")
    case "cargo":
      guard command.subcommand?.value == "build" else { return nil }
      let target =
        command.parsedArguments.value("--target")?.value ?? file.variables(before: position)[
          "CARGO_BUILD_TARGET"] ?? ""
      let flags =
        file.variables(before: position)["RUSTFLAGS"] ?? command.assignment("RUSTFLAGS") ?? ""
      if target.includes("musl") || target.includes("wasm") || target.includes("wasi")
        || flags.includes("crt-static")
      {
        return nil
      }
      return (
        "`cargo build` for a glibc target",
        "build for `x86_64-unknown-linux-musl` (or set `-C target-feature=+crt-static`)"
      )
    case "gcc", "g++", "cc", "c++", "clang", "clang++":
      let arguments = command.parsedArguments
      guard arguments.has("-o") else { return nil }
      if arguments.has("-static", "-c", "-shared") { return nil }
      return ("`\(command.program)` without `-static`", "link with `-static`")
    default:
      return nil
    }
  }

  /// `CGO_ENABLED=0 go build` and `gcc -static`. Unsafe: code that needs cgo (or a library
  /// without a static archive) no longer builds, or resolves names differently.
  func fix(_ command: ShellCommand, at position: Int, in file: AnalyzedDockerfile) -> Fix? {
    switch command.program {
    case "go":
      guard command.assignment("CGO_ENABLED") == nil,
        file.variables(before: position)["CGO_ENABLED"] == nil,
        let edit = ShellEdits.insert("CGO_ENABLED=0", before: command, in: file.source)
      else { return nil }
      return Fix(title: "build with `CGO_ENABLED=0`", edits: [edit], safety: .unsafe)
    case "gcc", "g++", "cc", "c++", "clang", "clang++":
      guard let name = command.name,
        let edit = ShellEdits.insert("-static", after: name, of: command, in: file.source)
      else { return nil }
      return Fix(title: "link with `-static`", edits: [edit], safety: .unsafe)
    default:
      return nil
    }
  }

  func installsCompiler(in stage: Stage, file: AnalyzedDockerfile) -> Bool {
    stage.instructionIndices.contains { index in
      file.scripts[index]?.commands.contains { command in
        guard let install = command.packageInstall, install.manager == .apk else { return false }
        return install.packages.contains {
          ["gcc", "build-base", "musl-dev", "clang"].contains($0.name)
        }
      } == true
    }
  }
}
