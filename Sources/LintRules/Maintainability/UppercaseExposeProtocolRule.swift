import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `EXPOSE 80/TCP`: BuildKit lower-cases the protocol, so the upper-case form only
/// disagrees with how every tool prints it.
struct UppercaseExposeProtocolRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5033", name: "uppercase-expose-protocol", severity: .style,
    summary: "The protocol of an EXPOSE port is not lower case.",
    peers: PeerEquivalents(buildkit: ["ExposeProtoCasing"]), fix: .safe)

  fileprivate static func message(_ proto: String) -> String {
    "protocol `\(proto)` should be lower case: `\(proto.lowercased())`"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    file.exposedPorts(instruction, at: position).compactMap { exposed in
      guard let proto = exposed.port.proto, proto.text != proto.text.lowercased() else {
        return nil
      }
      var fix: Fix?
      if exposed.isLiteral {
        fix = Fix(
          title: "write `\(proto.text.lowercased())`",
          edits: [Fix.Edit(range: exposed.range(of: proto), replacement: proto.text.lowercased())],
          safety: .safe)
      }
      return finding(
        exposed.range(of: proto), Self.message(proto.text),
        help: "write `\(proto.text.lowercased())`", fix: fix)
    }
  }
}
