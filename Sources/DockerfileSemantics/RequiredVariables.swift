import DockerfileSyntax

extension AnalyzedDockerfile {
  /// BuildKit's error for `text` before the instruction at `position` when a `${x:?}` or
  /// `${x?}` in it names a variable that is certainly unset there (or, with `:`, empty): no
  /// ARG with a value or ENV of the stage and the stages it is built on sets it before the
  /// instruction, and the image at the root of the chain is one whose environment ballast
  /// knows and does not set it. An ARG without a default leaves it unset unless `--build-arg`
  /// gives a value. Nil when the expansion succeeds or depends on a value ballast cannot know.
  public func requiredVariableFailure(in text: String, before position: Int) -> String? {
    guard text.utf8.contains(UInt8(ascii: "?")), let stage = stage(containing: position) else {
      return nil
    }
    let scope = variables(before: position)
    var expander = VariableExpander(for: text, escape: syntax.escapeCharacter) { scope[$0] }
    let environment = stage.rootImage(in: stages).flatMap {
      ImageEnvironmentKnowledge.environment(of: $0)
    }
    if let environment {
      expander.unset = Set(
        VariableExpander.mentionedNames(in: text).filter {
          $0 != "PATH" && !environment.contains($0) && expander.values[$0] == nil
            && !isSet($0, in: stage, before: position)
        })
    }
    return expander.failure(text)
  }

  /// Whether an ENV, or an ARG with a value (its own default, a global default, or one BuildKit
  /// gives the platform ARGs), of `stage` before `position` or of a stage it is built on sets
  /// `name`, even to a value ballast cannot expand. An ENV key with a variable counts as any name.
  private func isSet(_ name: String, in stage: Stage, before position: Int) -> Bool {
    let globals = FromArguments(syntax)
    for member in stage.chain(in: stages) {
      for index in member.instructionIndices where index < position {
        let instruction = instructions[index]
        switch (instruction.kind, instruction.arguments) {
        case (.env, .keyValues(let pairs, _)):
          if pairs.contains(where: { $0.key.text == name || $0.key.text.contains("$") }) {
            return true
          }
        case (.arg, .declarations):
          for declaration in Self.declarations(instruction) where declaration.name == name {
            if declaration.hasDefault || globals.defaults[name] != nil
              || FromArguments.predefined[name] != nil
            {
              return true
            }
          }
        default:
          break
        }
      }
    }
    return false
  }
}
