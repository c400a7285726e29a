import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A RUN gives a user account a password the Dockerfile holds: `echo 'root:pw' | chpasswd`,
/// `echo pw | passwd --stdin app`, `useradd -p HASH app`.
struct PasswordSetInDockerfileRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3021", name: "password-set-in-dockerfile", severity: .error,
    summary: "A user account gets a password written in the Dockerfile.",
    peers: PeerEquivalents(checkov: ["CKV2_DOCKER_17"]),
    security: SecurityClassification(cwe: 259, score: 8.0))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.instructions.indices {
      guard let script = file.scripts[position] else { continue }
      for password in script.accountPasswords {
        guard let source = source(of: password, at: position, in: file) else { continue }
        let what = password.isHash ? "a fixed password hash" : "a fixed password"
        findings.append(
          finding(
            password.word.range,
            "`\(password.program)` gives the account \(what) \(source): every container of the "
              + "image shares it, and anyone with the Dockerfile or the image history can "
              + (password.isHash ? "crack it offline" : "log in with it"),
            help: "leave the account without a password (`useradd` sets none; `passwd -l` "
              + "locks one); if the build needs it, pass it as a secret: "
              + "`RUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw`"))
      }
    }
  }

  /// Where the password comes from, for the message; nil when ballast cannot tell that the
  /// Dockerfile holds it (a variable set from a secret mount, or declared nowhere).
  private func source(of password: AccountPassword, at position: Int, in file: AnalyzedDockerfile)
    -> String?
  {
    guard !password.isLiteral else { return "written in this RUN" }
    let names = Self.variableNames(in: password.password)
    let mounts = file.instructions[position].flags("mount").map { $0.value ?? "" }
    guard !mounts.contains(where: { $0.includes("type=secret") }) else { return nil }
    for name in names {
      guard let stage = file.stage(containing: position) else { continue }
      for earlier in stage.chain(in: file.stages).flatMap({ Array($0.instructionIndices) })
      where earlier < position {
        let instruction = file.instructions[earlier]
        if instruction.kind == .arg,
          AnalyzedDockerfile.declarations(instruction).contains(where: { $0.name == name })
        {
          return "from the build argument `\(name)`, whose value the image history records"
        }
        if instruction.kind == .env, case .keyValues(let pairs, _) = instruction.arguments,
          pairs.contains(where: { $0.key.text == name })
        {
          return "from `ENV \(name)`, which the image's configuration shows"
        }
      }
    }
    return nil
  }

  static func variableNames(in text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let dollar = rest.firstIndex(of: "$") {
      rest = rest[rest.index(after: dollar)...]
      if rest.first == "{" { rest = rest.dropFirst() }
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      if !name.isEmpty { names.append(String(name)) }
      rest = rest.dropFirst(name.count)
    }
    return names
  }
}
