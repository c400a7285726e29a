import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `EXPOSE 22` in the final image: the container offers SSH logins.
struct SSHPortExposedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3022", name: "ssh-port-exposed", severity: .warning,
    summary: "The final image exposes port 22, SSH.",
    peers: PeerEquivalents(trivy: ["DS-0004"], checkov: ["CKV_DOCKER_1"]),
    security: SecurityClassification(cwe: 668, score: 5.0))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions where file.instructions[position].kind == .expose {
      for word in file.instructions[position].listWords ?? [] {
        guard let port = file.expand(word.text, before: position),
          let range = Self.portRange(port), range.contains(22)
        else { continue }
        let shown = port == word.text ? "`\(port)`" : "`\(word.text)` (`\(port)`)"
        findings.append(
          finding(
            word.range,
            "EXPOSE \(shown) announces SSH on port 22: the image is meant to run an SSH server, "
              + "a second way in with its own keys and passwords",
            help: "use `docker exec` or `kubectl exec` for a shell in the container; if the "
              + "image is an SSH or SFTP service on purpose, suppress this finding"))
      }
    }
  }

  /// `22`, `22/tcp`, `20-25/udp` as a range of port numbers; nil when it is not one.
  static func portRange(_ text: String) -> ClosedRange<Int>? {
    let number = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
    let bounds = number.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(bounds.count), let low = Int(bounds[0]),
      let high = bounds.count == 2 ? Int(bounds[1]) : low, low <= high
    else { return nil }
    return low...high
  }
}
