/// ballast's own syntax tree as JSON (`ballast parse --format json`), documented in the README.
/// Every node has a `range`: byte offsets plus 1-based line and column of both ends.
public enum SyntaxTreeDump {
  public static let formatVersion = 1

  public static func document(for dockerfile: Dockerfile) -> JSONValue {
    let source = dockerfile.source
    func range(_ range: SourceRange) -> JSONValue {
      let start = source.location(of: range.start)
      let end = source.location(of: range.end)
      return .object([
        ("start", .int(range.start)), ("end", .int(range.end)),
        ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
        ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
      ])
    }
    func word(_ word: Word) -> JSONValue {
      var members: [(String, JSONValue)] = [
        ("text", .string(word.text)), ("range", range(word.range)),
      ]
      if !word.variables.isEmpty {
        members.append(("variables", .array(word.variables.map(variable))))
      }
      return .object(members)
    }
    func variable(_ reference: VariableReference) -> JSONValue {
      var members: [(String, JSONValue)] = [
        ("name", .string(reference.name)), ("range", range(reference.range)),
        ("nameRange", range(reference.nameRange)),
        ("modifier", .string(reference.modifier.rawValue)),
      ]
      if let argument = reference.argumentRange {
        members.append(("argumentRange", range(argument)))
      }
      if let problem = reference.problem { members.append(("problem", .string(problem))) }
      return .object(members)
    }
    func arguments(_ value: Arguments) -> JSONValue {
      switch value {
      case .none: return .object([("form", .string("none"))])
      case .ignored: return .object([("form", .string("ignored"))])
      case .exec(let words):
        return .object([("form", .string("exec")), ("words", .array(words.map(word)))])
      case .text(let text):
        return .object([("form", .string("text")), ("text", word(text))])
      case .words(let words):
        return .object([("form", .string("words")), ("words", .array(words.map(word)))])
      case .declarations(let words):
        return .object([("form", .string("declarations")), ("words", .array(words.map(word)))])
      case .keyValues(let pairs, let legacy):
        let items: [JSONValue] = pairs.map {
          .object([("key", word($0.key)), ("value", word($0.value)), ("range", range($0.range))])
        }
        return .object([
          ("form", .string("keyValues")), ("legacy", .bool(legacy)), ("pairs", .array(items)),
        ])
      case .healthcheck(let type, let command):
        return .object([
          ("form", .string("healthcheck")), ("type", word(type)), ("command", arguments(command)),
        ])
      case .trigger(let inner):
        return .object([("form", .string("trigger")), ("instruction", instruction(inner))])
      }
    }
    func instruction(_ instruction: Instruction) -> JSONValue {
      .object([
        ("keyword", .string(instruction.keyword)), ("kind", .string(instruction.kind.rawValue)),
        ("range", range(instruction.range)), ("keywordRange", range(instruction.keywordRange)),
        ("startLine", .int(instruction.startLine)), ("endLine", .int(instruction.endLine)),
        ("original", .string(instruction.original)),
        (
          "flags",
          .array(
            instruction.flags.map { flag in
              .object([
                ("name", .string(flag.name)), ("value", flag.value.map(JSONValue.string) ?? .null),
                ("range", range(flag.range)), ("nameRange", range(flag.nameRange)),
                ("valueRange", range(flag.valueRange)),
              ])
            })
        ),
        ("arguments", arguments(instruction.arguments)),
        (
          "heredocs",
          .array(
            instruction.heredocs.map { heredoc in
              .object([
                ("name", .string(heredoc.name)), ("fileDescriptor", .int(heredoc.fileDescriptor)),
                ("expand", .bool(heredoc.expand)), ("chomp", .bool(heredoc.chomp)),
                ("content", .string(heredoc.content)), ("markerRange", range(heredoc.markerRange)),
                ("bodyRange", range(heredoc.bodyRange)),
                ("terminatorRange", heredoc.terminatorRange.map(range) ?? .null),
              ])
            })
        ),
      ])
    }
    return .object([
      ("version", .int(formatVersion)),
      ("file", .string(source.path)),
      ("escape", .string(String(dockerfile.escapeCharacter))),
      (
        "directives",
        .array(
          dockerfile.directives.map {
            .object([
              ("name", .string($0.name)), ("value", .string($0.value)), ("range", range($0.range)),
              ("nameRange", range($0.nameRange)), ("valueRange", range($0.valueRange)),
            ])
          })
      ),
      ("instructions", .array(dockerfile.instructions.map(instruction))),
      (
        "comments",
        .array(
          dockerfile.comments.map {
            .object([("text", .string($0.text)), ("range", range($0.range))])
          })
      ),
      (
        "diagnostics",
        .array(
          dockerfile.diagnostics.map {
            .object([
              ("severity", .string($0.severity.rawValue)), ("message", .string($0.message)),
              ("rejectedByBuildKit", .bool($0.rejectsFile)), ("range", range($0.range)),
            ])
          })
      ),
    ])
  }
}
