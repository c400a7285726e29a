import DockerfileSyntax

/// Go's `path.Clean` and the pattern language of moby's `patternmatcher`, which BuildKit uses
/// for `.dockerignore`: a pattern is translated into a Go regular expression character by
/// character (as `Pattern.compile` does) and that expression is run by a small matcher of the
/// regular-expression subset the translation can produce. Following the translation instead of
/// writing a glob matcher keeps its quirks (`[!a]` is the set of `!` and `a`, a `^` anchors).
enum GoPath {
  /// `path.Clean`: one slash between elements, no `.` elements, `..` folded into its parent,
  /// no trailing slash, `.` for nothing.
  static func clean(_ path: String) -> String {
    guard !path.isEmpty else { return "." }
    let rooted = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.parts(separatedBy: UInt8(ascii: "/")) {
      if part == "." { continue }
      if part == ".." {
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !rooted {
          parts.append(part)
        }
        continue
      }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if rooted { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// Go's `strings.TrimSpace`: Unicode white space at both ends.
  static func trimSpace(_ text: Substring) -> Substring {
    let isSpace: (Character) -> Bool = { character in
      character.unicodeScalars.allSatisfy { scalar in
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
          0x205F, 0x3000:
          return true
        default: return false
        }
      }
    }
    var result = text
    while let first = result.first, isSpace(first) { result.removeFirst() }
    while let last = result.last, isSpace(last) { result.removeLast() }
    return result
  }

  /// True when Go's `filepath.Match` accepts `pattern` (patternmatcher rejects the whole
  /// ignore file otherwise): brackets closed, no empty class, no range ending in `-` or `]`,
  /// no trailing backslash, ranges ascending.
  static func isValidMatchPattern(_ pattern: String) -> Bool {
    let scalars = Array(pattern.unicodeScalars)
    var index = 0
    func escapedCharacter() -> Unicode.Scalar? {
      guard index < scalars.count else { return nil }
      var scalar = scalars[index]
      if scalar == "-" || scalar == "]" { return nil }
      if scalar == "\\" {
        index += 1
        guard index < scalars.count else { return nil }
        scalar = scalars[index]
      }
      index += 1
      return scalar
    }
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      switch scalar {
      case "\\":
        guard index < scalars.count else { return false }
        index += 1
      case "[":
        if index < scalars.count, scalars[index] == "^" { index += 1 }
        var ranges = 0
        while true {
          if index < scalars.count, scalars[index] == "]", ranges > 0 {
            index += 1
            break
          }
          guard let low = escapedCharacter() else { return false }
          if index < scalars.count, scalars[index] == "-" {
            index += 1
            guard let high = escapedCharacter(), high.value >= low.value else { return false }
          }
          ranges += 1
        }
      default:
        continue
      }
    }
    return true
  }
}

/// One `.dockerignore` pattern as patternmatcher compiles it.
struct GoPathPattern: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case exact, prefix, suffix
    case expression(MiniRegex)
  }

  /// The cleaned pattern text (without its `!`).
  let text: String
  let kind: Kind

  /// nil when the translated expression uses something the matcher does not support (Go
  /// would accept it, or reject it: either way ballast stays silent about such a file).
  init?(_ text: String) {
    self.text = text
    var expression = "^"
    var detected = 0  // 0 exact, 1 prefix, 2 suffix, 3 expression, as patternmatcher orders them
    let scalars = Array(text.unicodeScalars)
    var index = 0
    var position = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      defer { position += 1 }
      switch scalar {
      case "*":
        if index < scalars.count, scalars[index] == "*" {
          index += 1
          // `**/` is `**`: the slash is eaten.
          if index < scalars.count, scalars[index] == "/" { index += 1 }
          if index == scalars.count {
            // `**` at the end accepts everything below, as in .gitignore.
            if detected == 0 {
              detected = 1
            } else {
              expression += ".*"
              detected = 3
            }
          } else {
            expression += "(.*/)?"
            detected = 3
          }
          if position == 0 { detected = 2 }
        } else {
          expression += "[^/]*"
          detected = 3
        }
      case "?":
        expression += "[^/]"
        detected = 3
      case ".", "+", "(", ")", "|", "{", "}", "$":
        expression += "\\" + String(scalar)
      case "\\":
        if index < scalars.count {
          expression += "\\" + String(scalars[index])
          index += 1
          detected = 3
        } else {
          expression += "\\"
        }
      case "[", "]":
        expression += String(scalar)
        detected = 3
      default:
        expression.unicodeScalars.append(scalar)
      }
    }
    switch detected {
    case 0: kind = .exact
    case 1: kind = .prefix
    case 2: kind = .suffix
    default:
      guard let regex = MiniRegex(expression + "$") else { return nil }
      kind = .expression(regex)
    }
  }

  func matches(_ path: String) -> Bool {
    switch kind {
    case .exact:
      return path == text
    case .prefix:
      return path.hasPrefix(String(text.dropLast(2)))
    case .suffix:
      let suffix = String(text.dropFirst(2))
      if path.hasSuffix(suffix) { return true }
      // `**/foo` matches `foo` itself.
      return suffix.hasPrefix("/") && path == suffix.dropFirst()
    case .expression(let regex):
      return regex.matches(path)
    }
  }
}

/// The part of Go's regular-expression syntax that patternmatcher's translation produces:
/// literals, escapes, `.`, classes (`[^/]`, `[a-z]`, `[[:alpha:]]`, `\d`), groups, `*`, `+`, `?`
/// and the `^`/`$` anchors. Matched as a whole string by simulating all threads at once, so
/// time stays linear in the path whatever the pattern.
struct MiniRegex: Sendable, Hashable {
  indirect enum Node: Sendable, Hashable {
    case scalar(ScalarSet)
    case sequence([Node])
    case star(Node)
    case plus(Node)
    case optional(Node)
    case begin, end
  }

  enum Instruction: Sendable, Hashable {
    case scalar(ScalarSet)
    case split(Int, Int)
    case jump(Int)
    case begin, end, match
  }

  let program: [Instruction]

  init?(_ expression: String) {
    var parser = MiniRegexParser(Array(expression.unicodeScalars))
    guard let node = parser.parseSequence(), parser.isAtEnd else { return nil }
    var program: [Instruction] = []
    Self.emit(node, into: &program)
    program.append(.match)
    self.program = program
  }

  private static func emit(_ node: Node, into program: inout [Instruction]) {
    switch node {
    case .scalar(let set): program.append(.scalar(set))
    case .begin: program.append(.begin)
    case .end: program.append(.end)
    case .sequence(let nodes): for inner in nodes { emit(inner, into: &program) }
    case .star(let inner):
      let split = program.count
      program.append(.split(0, 0))
      emit(inner, into: &program)
      program.append(.jump(split))
      program[split] = .split(split + 1, program.count)
    case .plus(let inner):
      let start = program.count
      emit(inner, into: &program)
      program.append(.split(start, program.count + 1))
    case .optional(let inner):
      let split = program.count
      program.append(.split(0, 0))
      emit(inner, into: &program)
      program[split] = .split(split + 1, program.count)
    }
  }

  func matches(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    var current: [Int] = []
    var next: [Int] = []
    var stack: [Int] = []
    // The input position at which each instruction was last added (each at most once a step).
    var seen = [Int](repeating: -1, count: program.count)
    func add(_ start: Int, at position: Int, to list: inout [Int]) {
      stack.append(start)
      while let pc = stack.popLast() {
        guard seen[pc] != position else { continue }
        seen[pc] = position
        switch program[pc] {
        case .split(let first, let second):
          stack.append(second)
          stack.append(first)
        case .jump(let target):
          stack.append(target)
        case .begin:
          if position == 0 { stack.append(pc + 1) }
        case .end:
          if position == scalars.count { stack.append(pc + 1) }
        case .scalar, .match:
          list.append(pc)
        }
      }
    }
    add(0, at: 0, to: &current)
    var offset = 0
    while offset < scalars.count {
      let scalar = scalars[offset]
      next.removeAll(keepingCapacity: true)
      for pc in current {
        if case .scalar(let set) = program[pc], set.contains(scalar) {
          add(pc + 1, at: offset + 1, to: &next)
        }
      }
      swap(&current, &next)
      if current.isEmpty { return false }
      offset += 1
    }
    return current.contains { program[$0] == .match }
  }
}

/// A set of Unicode scalars: ranges, possibly negated.
struct ScalarSet: Sendable, Hashable {
  var ranges: [ClosedRange<UInt32>]
  var negated: Bool

  static let anyButNewline = ScalarSet(ranges: [0x0A...0x0A], negated: true)

  static func single(_ scalar: Unicode.Scalar) -> ScalarSet {
    ScalarSet(ranges: [scalar.value...scalar.value], negated: false)
  }

  func contains(_ scalar: Unicode.Scalar) -> Bool {
    ranges.contains { $0.contains(scalar.value) } != negated
  }
}

/// Recursive-descent reader of the supported expression syntax; nil for anything else.
struct MiniRegexParser {
  let scalars: [Unicode.Scalar]
  var index = 0

  init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

  var isAtEnd: Bool { index == scalars.count }

  mutating func parseSequence() -> MiniRegex.Node? {
    var nodes: [MiniRegex.Node] = []
    while index < scalars.count, scalars[index] != ")" {
      guard let atom = parseAtom() else { return nil }
      var node = atom
      if index < scalars.count, let repeated = Self.repetition(of: atom, scalars[index]) {
        index += 1
        node = repeated
        // A lazy `?` changes nothing for a whole-string match; a second operator is an error
        // in Go (`a**`).
        if index < scalars.count, scalars[index] == "?" {
          index += 1
        } else if index < scalars.count, scalars[index] == "*" || scalars[index] == "+" {
          return nil
        }
      }
      nodes.append(node)
    }
    return .sequence(nodes)
  }

  static func repetition(of atom: MiniRegex.Node, _ scalar: Unicode.Scalar) -> MiniRegex.Node? {
    switch scalar {
    case "*": return .star(atom)
    case "+": return .plus(atom)
    case "?": return .optional(atom)
    default: return nil
    }
  }

  mutating func parseAtom() -> MiniRegex.Node? {
    let scalar = scalars[index]
    index += 1
    switch scalar {
    case "^": return .begin
    case "$": return .end
    case ".": return .scalar(.anyButNewline)
    case "(":
      if index < scalars.count, scalars[index] == "?" { return nil }
      guard let inner = parseSequence(), index < scalars.count, scalars[index] == ")" else {
        return nil
      }
      index += 1
      return inner
    case "[": return parseClass().map { .scalar($0) }
    case "\\": return parseEscape().map { .scalar($0) }
    case "*", "+", "?", "{", "|", ")": return nil
    default: return .scalar(.single(scalar))
    }
  }

  static let perlClasses: [Unicode.Scalar: [ClosedRange<UInt32>]] = [
    "d": [0x30...0x39], "s": [0x09...0x0A, 0x0C...0x0D, 0x20...0x20],
    "w": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
  ]
  static let posixClasses: [String: [ClosedRange<UInt32>]] = [
    "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A], "alpha": [0x41...0x5A, 0x61...0x7A],
    "digit": [0x30...0x39], "lower": [0x61...0x7A], "upper": [0x41...0x5A],
    "space": [0x09...0x0D, 0x20...0x20], "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
    "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
  ]

  /// After a backslash: an escaped punctuation mark, a control letter or a Perl class.
  mutating func parseEscape() -> ScalarSet? {
    guard index < scalars.count else { return nil }
    let scalar = scalars[index]
    index += 1
    if scalar.value < 0x80, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) {
      return .single(scalar)
    }
    let controls: [Unicode.Scalar: UInt32] = [
      "a": 7, "f": 12, "t": 9, "n": 10, "r": 13, "v": 11,
    ]
    if let control = controls[scalar] {
      return ScalarSet(ranges: [control...control], negated: false)
    }
    guard scalar.value < 0x80, let name = Unicode.Scalar(scalar.value | 0x20) else { return nil }
    if let ranges = Self.perlClasses[name] {
      return ScalarSet(ranges: ranges, negated: name != scalar)
    }
    return nil
  }

  mutating func parseClass() -> ScalarSet? {
    var set = ScalarSet(ranges: [], negated: false)
    if index < scalars.count, scalars[index] == "^" {
      set.negated = true
      index += 1
    }
    var first = true
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "]" && !first {
        index += 1
        return set
      }
      first = false
      if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == ":" {
        guard let close = (index + 2..<scalars.count).first(where: { scalars[$0] == ":" }),
          close + 1 < scalars.count, scalars[close + 1] == "]"
        else { return nil }
        var name = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
        let negated = name.hasPrefix("^")
        if negated { name.removeFirst() }
        guard let ranges = Self.posixClasses[name], !negated else { return nil }
        set.ranges += ranges
        index = close + 2
        continue
      }
      guard let low = classCharacter() else { return nil }
      guard case .single(let lowValue) = low else {
        if case .set(let ranges) = low { set.ranges += ranges }
        continue
      }
      if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
        index += 1
        guard case .single(let highValue) = classCharacter(), highValue >= lowValue else {
          return nil
        }
        set.ranges.append(lowValue...highValue)
      } else {
        set.ranges.append(lowValue...lowValue)
      }
    }
    return nil
  }

  enum ClassItem: Equatable {
    case single(UInt32)
    case set([ClosedRange<UInt32>])
  }

  mutating func classCharacter() -> ClassItem? {
    guard index < scalars.count else { return nil }
    let scalar = scalars[index]
    index += 1
    guard scalar == "\\" else { return .single(scalar.value) }
    guard let escaped = parseEscape() else { return nil }
    if !escaped.negated, escaped.ranges.count == 1, let only = escaped.ranges.first,
      only.lowerBound == only.upperBound
    {
      return .single(only.lowerBound)
    }
    // A negated Perl class inside brackets (`[\D]`) is left to Go.
    guard !escaped.negated else { return nil }
    return .set(escaped.ranges)
  }
}
