import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A script fetched from the network and run as it arrives: `curl … | sh`,
/// `wget -O- … | bash`, `sh -c "$(curl …)"`, `eval "$(curl …)"`.
struct RemoteScriptExecutedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3030", name: "remote-script-executed", severity: .warning,
    summary: "A script downloaded from the network is run without being checked.",
    security: SecurityClassification(cwe: 494, score: 6.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.instructions.indices {
      guard let script = file.scripts[position] else { continue }
      report(script.remoteCodeRuns, into: &findings)
    }
    // The startup command runs it each time a container starts.
    let startup = ShellScript(commands: file.startupCommands, isFullyParsed: true)
    report(startup.remoteCodeRuns, into: &findings, atStart: true)
  }

  private func report(
    _ runs: [RemoteCodeRun], into findings: inout [Finding], atStart: Bool = false
  ) {
    for run in runs {
      let url = run.download.urls.first
      let address = url.map { "`\(Self.shown($0.value))`" } ?? "the network"
      let when = atStart ? "every time a container starts" : "during the build"
      findings.append(
        finding(
          url?.range ?? run.runner.range,
          "`\(run.form)` runs a script from \(address) \(when) "
            + "without checking it: whoever controls that server, its CDN or the network path "
            + "chooses what runs, as root",
          help: "download it to a file, check it against a published digest "
            + "(`echo \"<sha256>  install.sh\" | sha256sum -c -`) or signature, then run it; "
            + "better, install a versioned package"))
    }
  }

  /// The URL without its query, where tokens are often passed.
  static func shown(_ url: String) -> String {
    url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
  }
}
