extension InstructionBuilder {
  /// Variable references in `start..<end`, read with the builder's quoting rules: nothing in
  /// single quotes, the escape character hides the next character, `${…}` may nest. Nesting
  /// uses an explicit stack so hostile input cannot exhaust the call stack.
  func variables(_ start: Int, _ end: Int) -> [VariableReference] {
    guard start < end, bytes[start..<end].contains(UInt8(ascii: "$")) else { return [] }
    struct Open {
      var start: Int
      var name: String
      var nameRange: (Int, Int)
      var modifier: VariableReference.Modifier
      var argumentStart: Int
    }
    var references: [VariableReference] = []
    var stack: [Open] = []
    var inDoubleQuote = false
    var index = start

    func reference(
      _ from: Int, _ to: Int, name: String, nameRange: (Int, Int),
      modifier: VariableReference.Modifier = .none, argument: (Int, Int)? = nil,
      braced: Bool, problem: String? = nil
    ) -> VariableReference {
      VariableReference(
        name: name, range: range(from, to), nameRange: range(nameRange.0, nameRange.1),
        modifier: modifier, argumentRange: argument.map { range($0.0, $0.1) },
        isBraced: braced, problem: problem)
    }

    while index < end {
      let byte = bytes[index]
      if byte == escape {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "'") && !inDoubleQuote {
        index += 1
        while index < end && bytes[index] != UInt8(ascii: "'") { index += 1 }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "\"") {
        inDoubleQuote.toggle()
        index += 1
        continue
      }
      if byte == UInt8(ascii: "}"), let open = stack.popLast() {
        references.append(
          reference(
            open.start, index + 1, name: open.name, nameRange: open.nameRange,
            modifier: open.modifier, argument: (open.argumentStart, index), braced: true))
        index += 1
        continue
      }
      guard byte == UInt8(ascii: "$"), index + 1 < end else {
        index += 1
        continue
      }
      let dollar = index
      if bytes[index + 1] != UInt8(ascii: "{") {
        let nameEnd = nameEnd(from: index + 1, to: end)
        if nameEnd > index + 1 {
          let name = logical.text(index + 1, nameEnd)
          references.append(
            reference(dollar, nameEnd, name: name, nameRange: (index + 1, nameEnd), braced: false))
        }
        index = max(nameEnd, index + 1)
        continue
      }
      let nameStart = index + 2
      guard nameStart < end else {
        references.append(
          reference(
            dollar, end, name: "", nameRange: (end, end), braced: true,
            problem: "syntax error: missing '}'"))
        break
      }
      let first = bytes[nameStart]
      if first == UInt8(ascii: "{") || first == UInt8(ascii: "}") || first == UInt8(ascii: ":") {
        references.append(
          reference(
            dollar, nameStart + 1, name: "", nameRange: (nameStart, nameStart), braced: true,
            problem: "syntax error: bad substitution"))
        index = nameStart + 1
        continue
      }
      let nameEnd = nameEnd(from: nameStart, to: end)
      let name = logical.text(nameStart, nameEnd)
      guard nameEnd < end else {
        references.append(
          reference(
            dollar, end, name: name, nameRange: (nameStart, nameEnd), braced: true,
            problem: "syntax error: missing '}'"))
        break
      }
      if bytes[nameEnd] == UInt8(ascii: "}") {
        references.append(
          reference(dollar, nameEnd + 1, name: name, nameRange: (nameStart, nameEnd), braced: true))
        index = nameEnd + 1
        continue
      }
      let (modifier, length) = Self.modifier(bytes, at: nameEnd, end: end)
      guard let modifier else {
        let text = logical.text(nameEnd, nameEnd + max(1, length))
        references.append(
          reference(
            dollar, nameEnd + 1, name: name, nameRange: (nameStart, nameEnd), braced: true,
            problem: "unsupported modifier (\(text)) in substitution"))
        index = nameEnd + 1
        continue
      }
      stack.append(
        Open(
          start: dollar, name: name, nameRange: (nameStart, nameEnd), modifier: modifier,
          argumentStart: nameEnd + length))
      index = nameEnd + length
    }
    for open in stack.reversed() {
      references.append(
        reference(
          open.start, end, name: open.name, nameRange: open.nameRange, modifier: open.modifier,
          argument: (open.argumentStart, end), braced: true, problem: "syntax error: missing '}'"))
    }
    return references.sorted { $0.range.start < $1.range.start }
  }

  private static let specialParameters = ByteSet("@*#?-$!0")

  /// End of a variable name: digits only if it starts with one, a single special parameter,
  /// or letters, digits and `_`.
  private func nameEnd(from start: Int, to end: Int) -> Int {
    guard start < end else { return start }
    let first = bytes[start]
    if (0x30...0x39).contains(first) {
      var index = start
      while index < end && (0x30...0x39).contains(bytes[index]) { index += 1 }
      return index
    }
    if Self.specialParameters.contains(first) { return start + 1 }
    var index = start
    while index < end {
      let byte = bytes[index]
      let isNameByte =
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
      guard isNameByte else { break }
      index += 1
    }
    return index
  }

  private static func modifier(_ bytes: [UInt8], at index: Int, end: Int) -> (
    VariableReference.Modifier?, Int
  ) {
    let first = bytes[index]
    let second: UInt8? = index + 1 < end ? bytes[index + 1] : nil
    switch first {
    case UInt8(ascii: ":"):
      switch second {
      case UInt8(ascii: "-"): return (.defaultIfUnsetOrEmpty, 2)
      case UInt8(ascii: "+"): return (.alternativeIfSetAndNotEmpty, 2)
      case UInt8(ascii: "?"): return (.errorIfUnsetOrEmpty, 2)
      default: return (nil, second == nil ? 1 : 2)
      }
    case UInt8(ascii: "-"): return (.defaultIfUnset, 1)
    case UInt8(ascii: "+"): return (.alternativeIfSet, 1)
    case UInt8(ascii: "?"): return (.errorIfUnset, 1)
    case UInt8(ascii: "#"):
      return second == UInt8(ascii: "#") ? (.removeLongestPrefix, 2) : (.removeShortestPrefix, 1)
    case UInt8(ascii: "%"):
      return second == UInt8(ascii: "%") ? (.removeLongestSuffix, 2) : (.removeShortestSuffix, 1)
    case UInt8(ascii: "/"):
      return second == UInt8(ascii: "/") ? (.replaceAll, 2) : (.replaceFirst, 1)
    default:
      return (nil, 1)
    }
  }
}
