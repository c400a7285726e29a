/// The JSON shape of `../shared/conformance/oracle.py`, which wraps BuildKit's own parser, so
/// ballast's reading of a file can be compared with the official one line for line.
public enum BuildKitDump {
  public static let parserName = "ballast (BuildKit parser semantics)"

  /// The message BuildKit's parser fails with for this file, or nil when it accepts it.
  public static func rejection(of dockerfile: Dockerfile) -> String? {
    let rejecting = dockerfile.diagnostics.filter(\.rejectsFile)
    let positioned = rejecting.filter { $0.kind != .noInstructions }
    guard let first = positioned.min(by: { $0.range.start < $1.range.start }) else {
      return rejecting.first?.message
    }
    if first.kind == .lineTooLong
      && !dockerfile.instructions.contains(where: { $0.range.start < first.range.start })
    {
      return SyntaxDiagnosticKind.noInstructions.message
    }
    return first.message
  }

  public static func document(for dockerfile: Dockerfile, file: String) -> JSONValue {
    if let error = rejection(of: dockerfile) {
      return .object([
        ("file", .string(file)), ("parser", .string(parserName)), ("error", .string(error)),
        ("error_kind", .string("parse")),
      ])
    }
    return .object([
      ("file", .string(file)), ("parser", .string(parserName)),
      ("instructions", .array(dockerfile.instructions.map(instruction))),
    ])
  }

  static func instruction(_ instruction: Instruction) -> JSONValue {
    let trigger = instruction.trigger
    let valued = trigger ?? instruction
    var members: [(String, JSONValue)] = [
      ("cmd", .string(instruction.keyword)),
      ("sub_cmd", trigger.map { .string($0.keyword) } ?? .null),
      ("json", .bool(valued.arguments.isJSON)),
      ("flags", .array(instruction.flags.map { .string(GoText.latin1Mangled($0.text)) })),
      ("value", .array(values(valued.arguments).map(JSONValue.string))),
      ("start_line", .int(instruction.startLine)),
      ("end_line", .int(instruction.endLine)),
      ("original", .string(instruction.original)),
      (
        "heredocs",
        .array(
          instruction.heredocs.map {
            .object([
              ("name", .string($0.name)), ("file_descriptor", .int($0.fileDescriptor)),
              ("content", .string($0.content)),
            ])
          })
      ),
    ]
    // The oracle's binding drops the flags of ONBUILD's inner instruction; BuildKit keeps them.
    if let trigger, !trigger.flags.isEmpty {
      members.append(
        ("sub_flags", .array(trigger.flags.map { .string(GoText.latin1Mangled($0.text)) })))
    }
    return .object(members)
  }

  /// BuildKit's argument nodes (`Node.Next` chain) for each argument form.
  public static func values(_ arguments: Arguments) -> [String] {
    switch arguments {
    case .none: return []
    case .exec(let words), .words(let words), .declarations(let words): return words.map(\.text)
    case .text(let word): return [word.text]
    case .keyValues(let pairs, _): return pairs.flatMap { [$0.key.text, $0.value.text] }
    case .healthcheck(let type, let command): return [type.text] + values(command)
    case .trigger(let inner): return values(inner.arguments)
    case .ignored: return [""]
    }
  }
}
