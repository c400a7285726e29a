import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// EXPOSE with an IP address or a host port (`8080:80`): EXPOSE only documents the
/// container's port; the mapping is ignored, and BuildKit plans to reject it.
struct ExposeHostMappingRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL4046", name: "expose-host-mapping", severity: .warning,
    summary: "EXPOSE names a host port or IP address, which it ignores.",
    peers: PeerEquivalents(buildkit: ["ExposeInvalidFormat"]), fix: .safe)

  fileprivate static func message(_ mapping: String, _ port: String) -> String {
    "EXPOSE ignores `\(mapping)`: only the container port \(port) is exposed, and "
      + "publishing is up to `docker run -p`"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    file.exposedPorts(instruction, at: position).compactMap { exposed in
      let port = exposed.port
      guard let mapping = port.mapping else { return nil }
      var fix: Fix?
      if exposed.isLiteral {
        fix = Fix(
          title: "keep only the container port",
          edits: [Fix.Edit(range: exposed.range(of: mapping), replacement: "")], safety: .safe)
      }
      return finding(
        exposed.range(of: mapping), Self.message(mapping.text, port.containerPort.text),
        help: "write `EXPOSE \(port.containerPort.text)` and map host ports when running", fix: fix)
    }
  }
}
