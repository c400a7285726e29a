import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `RUN chown -R` / `chmod -R` over files a COPY put in place: every file is stored again.
struct ChownInSeparateLayerRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1008", name: "chown-in-separate-layer", severity: .warning,
    summary: "`chown`/`chmod -R` on copied files stores them all a second time in a new layer.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed,
        let directory = file.workingDirectory(before: position)
      else { continue }
      for command in script.commands where command.program == "chown" || command.program == "chmod"
      {
        guard command.hasOption("--recursive", short: "R") else { continue }
        let targets = command.pathOperands(in: directory).dropFirst()
        for (word, target) in targets {
          guard
            let origin = file.addedPaths.last(
              within: target, before: position, where: { $0.what != "download" })?.path
          else {
            continue
          }
          let flag = command.program == "chown" ? "--chown" : "--chmod"
          findings.append(
            finding(
              command.name?.range ?? word.range,
              "`\(command.program) -R` on `\(word.value)` rewrites the files the \(origin.what) on line "
                + "\(origin.line) added; the new layer stores every one of them again",
              help: "set ownership or mode while copying: `\(origin.what) \(flag)=… …`"))
          break
        }
      }
    }
  }
}
