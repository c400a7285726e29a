import DockerfileSemantics
import DockerfileSyntax

/// What is under the cursor, and where names are declared: the questions hover and
/// definition share. Answers come from the analysis; nothing is re-parsed.
struct Navigation {
  let file: AnalyzedDockerfile

  /// A variable named at `offset`: `$NAME` / `${NAME…}` in text the builder expands, or in a
  /// RUN's shell text (which the shell expands from the same ARG and ENV values).
  struct VariableUse {
    var name: String
    /// The name's range.
    var range: SourceRange
  }

  /// A place that names a stage: `COPY --from=build`, `RUN --mount=from=build`, `FROM build`.
  struct StageUse {
    var stage: Stage
    var range: SourceRange
  }

  /// Every word of an instruction, looking through HEALTHCHECK and ONBUILD.
  static func words(of arguments: Arguments) -> [Word] {
    switch arguments {
    case .none, .ignored: return []
    case .exec(let words), .words(let words), .declarations(let words): return words
    case .text(let word): return [word]
    case .keyValues(let pairs, _): return pairs.flatMap { [$0.key, $0.value] }
    case .healthcheck(let type, let command): return [type] + words(of: command)
    case .trigger(let inner): return words(of: inner.arguments)
    }
  }

  func variable(at offset: Int, in position: Int) -> VariableUse? {
    let instruction = file.instructions[position]
    // Innermost reference first: `${A:-$B}` on `B` means B.
    var best: VariableReference?
    for word in Self.words(of: instruction.arguments) where word.range.start <= offset {
      for reference in word.variables
      where reference.range.start <= offset && offset <= reference.range.end
        && !reference.name.isEmpty
      {
        if best == nil || reference.range.length < best!.range.length { best = reference }
      }
    }
    if let best { return VariableUse(name: best.name, range: best.nameRange) }
    return textualVariable(at: offset, within: instruction.range)
  }

  /// `$NAME` or `${NAME` around `offset`, read from the bytes: shell text keeps no variable
  /// references of its own.
  func textualVariable(at offset: Int, within range: SourceRange) -> VariableUse? {
    let bytes = file.source.bytes
    func isNameByte(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: "_")
        || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
    let lower = max(range.start, 0)
    let upper = min(range.end, bytes.count)
    guard offset >= lower, offset <= upper else { return nil }
    var start = offset
    // On the `$` or the `{`, the name follows.
    if start < upper && bytes[start] == UInt8(ascii: "$") { start += 1 }
    if start < upper && bytes[start] == UInt8(ascii: "{") && start > lower
      && bytes[start - 1] == UInt8(ascii: "$")
    {
      start += 1
    }
    while start > lower && isNameByte(bytes[start - 1]) && start - offset < 256 { start -= 1 }
    guard start > lower else { return nil }
    let sigil = bytes[start - 1]
    guard
      sigil == UInt8(ascii: "$")
        || (sigil == UInt8(ascii: "{") && start - 1 > lower
          && bytes[start - 2] == UInt8(ascii: "$"))
    else { return nil }
    var end = start
    while end < upper && isNameByte(bytes[end]) { end += 1 }
    guard end > start, !(bytes[start] >= UInt8(ascii: "0") && bytes[start] <= UInt8(ascii: "9"))
    else { return nil }
    return VariableUse(
      name: String(decoding: bytes[start..<end], as: UTF8.self),
      range: SourceRange(start: start, end: end))
  }

  /// A declaration of a variable: the instruction and the name's range in it.
  struct Declaration: Equatable {
    var position: Int
    var range: SourceRange
    /// The default or value as written (nil for `ARG NAME` without one).
    var value: String?
    var isArgument: Bool
  }

  /// The names an ARG or ENV instruction declares, with their ranges.
  static func declared(by instruction: Instruction) -> [(name: String, declaration: Declaration)] {
    switch (instruction.kind, instruction.arguments) {
    case (.arg, .declarations(let words)):
      return words.map { word in
        let parts = word.text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        let range = SourceRange(
          start: word.range.start, end: min(word.range.end, word.range.start + name.utf8.count))
        return (
          name,
          Declaration(
            position: -1, range: range, value: parts.count > 1 ? String(parts[1]) : nil,
            isArgument: true)
        )
      }
    case (.env, .keyValues(let pairs, _)):
      return pairs.map { pair in
        (
          pair.key.text,
          Declaration(
            position: -1, range: pair.key.range, value: pair.value.text, isArgument: false)
        )
      }
    default:
      return []
    }
  }

  private func declaration(of name: String, at position: Int) -> Declaration? {
    guard
      var found = Self.declared(by: file.instructions[position]).last(where: { $0.name == name })?
        .declaration
    else { return nil }
    found.position = position
    return found
  }

  /// Where the value of `name` used by the instruction at `position` comes from, nearest
  /// first: an ARG or ENV earlier in the stage; for `ARG NAME` without a default, also the
  /// global ARG it takes its value from; else an ENV of the stages it is built `FROM`. FROM
  /// lines see only the global ARGs.
  func declarations(of name: String, usedAt position: Int) -> [Declaration] {
    let firstFrom = file.stages.first?.fromPosition ?? file.instructions.count
    func global() -> Declaration? {
      for index in stride(from: min(position, firstFrom) - 1, through: 0, by: -1) {
        if let found = declaration(of: name, at: index), found.isArgument { return found }
      }
      return nil
    }
    guard position < file.instructions.count else { return [] }
    if position <= firstFrom || file.instructions[position].kind == .from {
      return global().map { [$0] } ?? []
    }
    guard var stage = file.stage(containing: position) else { return [] }
    for index in stride(from: position - 1, to: stage.fromPosition, by: -1) {
      guard let found = declaration(of: name, at: index) else { continue }
      if found.isArgument && found.value == nil, let outer = global() { return [found, outer] }
      return [found]
    }
    // ENV carries over `FROM <stage>`; ARG does not.
    var seen: Set<Int> = [stage.index]
    while let base = stage.baseStage, seen.insert(base).inserted {
      stage = file.stages[base]
      for index in stage.instructionIndices.reversed() {
        if let found = declaration(of: name, at: index), !found.isArgument { return [found] }
      }
    }
    return []
  }

  /// The stage named at `offset` in the instruction at `position`.
  func stageUse(at offset: Int, in position: Int) -> StageUse? {
    let instruction = file.instructions[position]
    func stage(_ reference: String, _ range: SourceRange) -> StageUse? {
      guard range.start <= offset && offset <= range.end,
        let stage = file.stage(named: reference),
        stage.fromPosition < position
      else { return nil }
      return StageUse(stage: stage, range: range)
    }
    switch instruction.kind {
    case .from:
      guard let current = file.stage(containing: position), let base = current.baseStage,
        let word = current.baseWord
      else { return nil }
      return word.range.start <= offset && offset <= word.range.end
        ? StageUse(stage: file.stages[base], range: word.range) : nil
    case .copy, .add:
      guard let flag = instruction.flag("from"), let value = flag.value else { return nil }
      return stage(value, flag.valueRange)
    case .run:
      for mount in instruction.flags("mount") {
        // `type=cache,from=build,target=/x`: the `from=` option's value, found in the text.
        let bytes = file.source.bytes
        var optionStart = mount.valueRange.start
        var index = optionStart
        while index <= mount.valueRange.end {
          if index == mount.valueRange.end || bytes[index] == UInt8(ascii: ",") {
            let text = file.source.text(SourceRange(start: optionStart, end: index))
            let trimmed = text.hasPrefix("\"") ? String(text.dropFirst()) : text
            if trimmed.hasPrefix("from=") {
              let valueStart = index - trimmed.utf8.count + "from=".utf8.count
              var value = String(trimmed.dropFirst(5))
              var valueEnd = index
              if value.hasSuffix("\"") {
                value.removeLast()
                valueEnd -= 1
              }
              if let use = stage(value, SourceRange(start: valueStart, end: valueEnd)) {
                return use
              }
            }
            optionStart = index + 1
          }
          index += 1
        }
      }
      return nil
    default:
      return nil
    }
  }

  /// The range a stage is best known by: its `AS name`, else its base image word, else FROM.
  func nameRange(of stage: Stage) -> SourceRange {
    let from = file.instructions[stage.fromPosition]
    if case .words(let words) = from.arguments {
      if words.count == 3 { return words[2].range }
      if let first = words.first { return first.range }
    }
    return from.keywordRange
  }
}
