import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A downloaded archive, package or program used in the same RUN without a checksum or
/// signature check.
struct DownloadNotVerifiedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3032", name: "download-not-verified", severity: .warning,
    summary: "A downloaded archive, package or program is used without a checksum or "
      + "signature check.",
    security: SecurityClassification(cwe: 494, score: 5.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.instructions.indices {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      for use in script.uncheckedDownloadUses {
        guard let url = use.download.urls.first else { continue }
        let address = RemoteScriptExecutedRule.shown(url.value)
        let what: String
        switch use.use {
        case .executed: what = "run"
        case .madeExecutable: what = "made a program"
        case .unpacked: what = use.file == nil ? "unpacked straight from the network" : "unpacked"
        case .installed: what = "installed"
        }
        let name = use.file.map { " as `\($0)`" } ?? ""
        findings.append(
          finding(
            url.range,
            "`\(address)` is downloaded\(name) and \(what) (`\(use.user.program)`) with no "
              + "checksum or signature check in this RUN: a changed or tampered file goes into "
              + "the image unnoticed",
            help: "compare it with the digest the project publishes before using it: "
              + "`echo \"<sha256>  file\" | sha256sum -c -` (or `gpg --verify` a signature)"))
      }
    }
  }
}
