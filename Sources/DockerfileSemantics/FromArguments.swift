import DockerfileSyntax

/// The variables a FROM line sees, as the builder expands it when no `--build-arg` is given:
/// the ARGs declared before the first FROM with their defaults (one without a default, or a
/// name never declared, is empty), and the platform ARGs BuildKit predefines.
public struct FromArguments: Sendable {
  /// Each global ARG name and the position of the first ARG that declares it.
  public let declared: [String: Int]
  /// The global ARGs that have a default, with the default expanded.
  public let defaults: [String: String]
  let escape: Character

  /// What BuildKit predefines for FROM lines; a build on linux/amd64 is assumed for values.
  public static let predefined: [String: String] = [
    "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64",
    "BUILDVARIANT": "", "TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux",
    "TARGETARCH": "amd64", "TARGETVARIANT": "",
  ]

  public init(_ syntax: Dockerfile) {
    var declared: [String: Int] = [:]
    var defaults: [String: String] = [:]
    escape = syntax.escapeCharacter
    for (position, instruction) in syntax.instructions.enumerated() {
      if instruction.kind == .from { break }
      let before = defaults.merging(Self.predefined) { own, _ in own }
      let expander = VariableExpander(values: before, escape: escape, unsetIsEmpty: true)
      for declaration in AnalyzedDockerfile.declarations(instruction, escape: escape) {
        if declared[declaration.name] == nil { declared[declaration.name] = position }
        guard declaration.hasDefault else {
          // `ARG NAME` after `ARG NAME=value` keeps the value.
          continue
        }
        let raw = AnalyzedDockerfile.rawDefault(instruction, name: declaration.name)
        defaults[declaration.name] = raw.flatMap { expander.expand($0) } ?? ""
      }
    }
    self.declared = declared
    self.defaults = defaults
  }

  /// Whether `name` is a global ARG or one BuildKit predefines.
  public func isDeclared(_ name: String) -> Bool {
    declared[name] != nil || Self.predefined[name] != nil
  }

  /// `text` expanded as the builder expands a FROM line without build arguments; nil when
  /// the builder would fail to expand it (an unsupported modifier, `${x:?}`).
  public func expand(_ text: String) -> String? {
    let values = defaults.merging(Self.predefined) { own, _ in own }
    return VariableExpander(values: values, escape: escape, unsetIsEmpty: true).expand(text)
  }
}

extension AnalyzedDockerfile {
  /// The default of `name` in an ARG instruction as written (before expansion).
  static func rawDefault(_ instruction: Instruction, name: String) -> String? {
    guard case .declarations(let words) = instruction.arguments else { return nil }
    for word in words {
      guard let equals = word.text.firstIndex(of: "="), word.text[..<equals] == name else {
        continue
      }
      return String(word.text[word.text.index(after: equals)...])
    }
    return nil
  }
}
