import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// COPY or ADD of a credentials file into the final image: `.env`, private keys, `.npmrc`,
/// `.netrc`, `.aws/credentials`, `.docker/config.json`, a kubeconfig, or any file copied to
/// `$GOOGLE_APPLICATION_CREDENTIALS`-like paths.
struct SecretFileCopiedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3051", name: "secret-file-copied", severity: .warning,
    summary: "A file holding credentials is copied into the final image.",
    peers: PeerEquivalents(trivy: ["DS-0031"]),
    security: SecurityClassification(cwe: 538, score: 7.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let final = Set(file.finalImageStages.map(\.index))
    for copy in file.contextCopies where final.contains(copy.stage) {
      for (source, word) in zip(copy.sources, copy.words) {
        guard let source, let kind = SecretFiles.kind(of: source) else { continue }
        findings.append(
          finding(
            word.range,
            "`\(source)` is \(kind.description): "
              + (kind.isCertain ? "" : "if it does, ")
              + "the credentials ship in the image layer, where deleting the file in a later "
              + "step does not remove them",
            help: help(source)))
      }
      // `COPY key.json $GOOGLE_APPLICATION_CREDENTIALS`.
      let instruction = file.instructions[copy.position]
      if let destination = instruction.listWords?.last,
        let variable = Self.pathVariable(in: destination.text)
      {
        findings.append(
          finding(
            destination.range,
            "this copies a credentials file to `$\(variable)`, where its program reads "
              + "credentials: they ship in the image layer",
            help: help(nil)))
      }
    }
  }

  static func pathVariable(in text: String) -> String? {
    var name = text.hasPrefix("$") ? String(text.dropFirst()) : ""
    if name.hasPrefix("{"), name.hasSuffix("}") { name = String(name.dropFirst().dropLast()) }
    return SecretFiles.pathVariables.contains(name) ? name : nil
  }

  private func help(_ source: String?) -> String {
    "mount it only while a step needs it, `RUN --mount=type=secret,id=creds,target=/root/"
      + "\(source.map(Paths.baseName) ?? "creds") …` with `docker build --secret id=creds,src=…`; "
      + "give the running container its credentials when it starts (a mounted secret)"
  }
}
