import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The final image's container runs as root: no USER in its stages (and a base that runs as
/// root), or a last USER of `root`/`0`.
struct FinalImageRunsAsRootRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3020", name: "final-image-runs-as-root", severity: .warning,
    summary: "The final image's container runs as root.",
    peers: PeerEquivalents(
      hadolint: ["DL3002"], trivy: ["DS-0002"], checkov: ["CKV_DOCKER_3", "CKV_DOCKER_8"]),
    security: SecurityClassification(cwe: 250, score: 7.0))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Dev containers set the user in devcontainer.json (`remoteUser`), not in the Dockerfile.
    guard let final = file.finalStage, !file.isDevelopmentContainer else { return }
    let positions = file.finalImagePositions
    guard !startupDropsPrivileges(file), !installsPrivilegeDropper(file, positions) else {
      return
    }
    if let position = positions.last(where: { file.instructions[$0].kind == .user }) {
      checkUser(at: position, final: final, in: file, into: &findings)
      return
    }
    let base = file.finalBaseImage
    let anchor = final.baseWord?.range ?? file.instructions[final.fromPosition].range
    let written = base?.text ?? final.baseWord?.text ?? ""
    let reason: String
    switch base.map(ImageUserKnowledge.defaultUser(of:)) ?? .unknown {
    case .nonRoot: return
    case .dropsPrivileges(let user):
      guard
        let entrypoint = positions.last(where: { file.instructions[$0].kind == .entrypoint })
      else { return }
      reason =
        "its ENTRYPOINT (line \(file.instructions[entrypoint].startLine)) replaces the one of "
        + "`\(written)`, which switched to `\(user)`: the container runs as root unless the "
        + "new entrypoint switches user itself"
    case .root:
      let administrator = Self.administrator(of: base)
      reason =
        base?.isScratch == true
        ? "on `scratch` the program runs as uid 0 (root)"
        : "`\(written)` runs as \(administrator) by default, so the container does too"
    case .unknown:
      reason =
        "the container runs as \(Self.administrator(of: base)) unless `\(written)` sets a user"
    }
    let through =
      final.baseStage == nil ? "" : " (built `FROM` stage `\(final.baseWord?.text ?? "")`)"
    findings.append(
      finding(
        anchor, "no USER in the final image\(through): \(reason)", help: help(for: base)))
  }

  private func checkUser(
    at position: Int, final: Stage, in file: AnalyzedDockerfile, into findings: inout [Finding]
  ) {
    guard case .text(let word) = file.instructions[position].arguments else { return }
    guard let user = file.expand(word.text, before: position),
      ImageUserKnowledge.isAdministrator(user)
    else { return }
    let shown = user == word.text ? "`USER \(user)`" : "`USER \(word.text)` (`\(user)`)"
    var place = ""
    if let stage = file.stage(containing: position), stage.index != final.index {
      place = " of stage `\(stage.name ?? String(stage.index))`, which the final image builds on,"
    }
    findings.append(
      finding(
        word.range,
        "\(shown)\(place) is the last USER of the final image: the container runs as "
          + (user.lowercased().hasPrefix("containeradministrator")
            ? "ContainerAdministrator" : "root"),
        help: "switch to a user without privileges after the steps that need root, "
          + "`USER app` (create it with `useradd --system app`) or a numeric one such as "
          + "`USER 10001`"))
  }

  /// `gosu app …`, `su-exec app …`, `setpriv --reuid …` in ENTRYPOINT or CMD.
  private func startupDropsPrivileges(_ file: AnalyzedDockerfile) -> Bool {
    file.startupCommands.contains { command in
      command.runsAsOtherUser || ImageUserKnowledge.privilegeDroppers.contains(command.program)
        || command.wrappers.contains { ImageUserKnowledge.privilegeDroppers.contains($0.program) }
        || command.arguments.contains {
          ImageUserKnowledge.privilegeDroppers.contains(Paths.baseName($0.value).lowercased())
        }
    }
  }

  /// An image that installs `gosu` or `su-exec` has an entrypoint script that steps down (the
  /// docker-library pattern); ballast cannot read the script, so it does not claim root.
  private func installsPrivilegeDropper(_ file: AnalyzedDockerfile, _ positions: [Int]) -> Bool {
    positions.contains { position in
      // Only RUNs have a script; the instruction is read (not copied) for COPY and ADD.
      guard let script = file.scripts[position] else {
        let kind = file.instructions[position].kind
        guard kind == .copy || kind == .add else { return false }
        return file.instructions[position].listWords?.last.map {
          Self.isDropper(Paths.baseName($0.text))
        } ?? false
      }
      return script.commands.contains { command in
        Self.isDropper(command.program) || command.wrappers.contains { Self.isDropper($0.program) }
          || command.arguments.contains {
            Self.mentionsDropper($0.value) && Self.isDropper(Paths.baseName($0.value))
          }
      }
    }
  }

  /// A cheap first test for `isDropper(Paths.baseName(text))`: the text holds `gosu` or
  /// `su-exec`, or has upper-case letters (then the exact test decides). Taking the base name
  /// of every argument cost more than the rest of the rule.
  private static func mentionsDropper(_ text: String) -> Bool {
    // One pass over the bytes: it runs for every word of the final image's RUNs.
    let bytes = text.utf8
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let byte = bytes[index]
      if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { return true }
      if byte == UInt8(ascii: "g") || byte == UInt8(ascii: "s") {
        let rest = bytes[index...]
        if rest.starts(with: gosu) || rest.starts(with: suExec) { return true }
      }
      index = bytes.index(after: index)
    }
    return false
  }

  private static let gosu = Array("gosu".utf8)
  private static let suExec = Array("su-exec".utf8)

  private static func isDropper(_ name: String) -> Bool {
    // Asked of every word of the final image's RUNs: most start with neither letter.
    guard let first = name.utf8.first.map({ $0 | 0x20 }),
      first == UInt8(ascii: "g") || first == UInt8(ascii: "s")
    else { return false }
    let lower = name.lowercased()
    return lower == "gosu" || lower == "su-exec" || lower.hasPrefix("gosu-")
  }

  private static func administrator(of image: ImageReference?) -> String {
    guard let image else { return "root" }
    let repository = image.repository.lowercased()
    return image.isWindows || repository.hasPrefix("microsoft/windows")
      ? "ContainerAdministrator" : "root"
  }

  private func help(for base: ImageReference?) -> String {
    if let base, base.repository.lowercased().includes("distroless/") {
      return "use the `:nonroot` tag of `\(base.shortName)`, which runs as uid 65532"
    }
    if base?.imageName == "node" {
      return "add `USER node` (the node images create that user) after the steps that need root"
    }
    return "add a user without privileges and switch to it after the steps that need root: "
      + "`RUN useradd --system app` then `USER app`, or a numeric `USER 10001`"
  }
}
