import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `ADD https://…` without `--checksum`: the downloaded file is used unverified.
struct RemoteAddWithoutChecksumRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3031", name: "remote-add-without-checksum", severity: .warning,
    summary: "ADD downloads a URL without `--checksum`, so the file is not verified.",
    security: SecurityClassification(cwe: 494, score: 5.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, instruction) in file.instructions.enumerated()
    where instruction.kind == .add && instruction.flag("checksum") == nil {
      guard let words = instruction.listWords, words.count >= 2 else { continue }
      for source in words.dropLast() {
        let url = file.expand(source.text, before: position) ?? source.text
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !Self.isGit(lower)
        else { continue }
        let plain = lower.hasPrefix("http://")
        findings.append(
          finding(
            source.range,
            "ADD downloads `\(Self.shown(url))` without `--checksum`"
              + (plain
                ? ", over plain HTTP: anyone on the network path can replace the file"
                : ": a file changed or replaced on the server goes into the image unnoticed"),
            help: "pin the file: `ADD --checksum=sha256:<digest> \(Self.shown(url)) …` "
              + "(Dockerfile syntax 1.6 and later)"))
      }
    }
  }

  /// Git sources (`https://github.com/x/y.git#v1.2`, or with BuildKit's query form
  /// `…/y.git?ref=v1.2&keep-git-dir=1`) are pinned by their ref, not a digest.
  static func isGit(_ url: String) -> Bool {
    let path =
      url.split(whereSeparator: { $0 == "#" || $0 == "?" }).first.map(String.init) ?? url
    return path.hasSuffix(".git") || path.hasSuffix(".git/")
  }

  /// The URL with its query left out: tokens are often passed there. (A password in the URL
  /// is a secret the engine masks in every message.)
  static func shown(_ url: String) -> String {
    url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
  }
}
