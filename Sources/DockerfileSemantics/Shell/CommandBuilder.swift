import DockerfileSyntax

/// Groups tokens into simple commands; shell keywords are stepped over so that commands
/// inside `if`/`for`/`while` bodies are still seen.
struct CommandBuilder {
  let range: (Int, Int) -> SourceRange
  let nesting: Int
  var commands: [ShellCommand] = []
  var isFullyParsed = true
  private var words: [(value: String, start: Int, end: Int, literal: Bool)] = []
  private var redirections: [ShellWord] = []
  private var pendingRedirection: String?
  private var separator: String?
  private var skippingUntil: Set<String>?

  static let openingKeywords: Set<String> = [
    "if", "then", "else", "elif", "do", "while", "until", "!", "{",
  ]
  static let closingKeywords: Set<String> = ["fi", "done", "}", "esac"]

  init(range: @escaping (Int, Int) -> SourceRange, nesting: Int) {
    self.range = range
    self.nesting = nesting
  }

  mutating func add(_ token: ShellToken) {
    switch token {
    case .separator(let text, _):
      if text == "(" || text == ")" {
        if !words.isEmpty && text == "(" { isFullyParsed = false }
      }
      finish()
      separator = text == "(" || text == ")" ? separator ?? ";" : text
    case .redirection(let text, _, _):
      pendingRedirection = text
    case .word(let value, let start, let end, let literal):
      if let pending = pendingRedirection {
        pendingRedirection = nil
        if !pending.hasPrefix("<<") || pending.hasPrefix("<<<") {
          redirections.append(ShellWord(value: value, range: range(start, end), isLiteral: literal))
        }
        return
      }
      if let until = skippingUntil {
        if until.contains(value) { skippingUntil = nil }
        return
      }
      if words.isEmpty {
        if Self.openingKeywords.contains(value) || Self.closingKeywords.contains(value) { return }
        if value == "for" || value == "select" {
          skippingUntil = ["do"]
          return
        }
        if value == "case" || value == "function" {
          isFullyParsed = false
          skippingUntil = value == "case" ? ["esac"] : ["{"]
          return
        }
      }
      words.append((value, start, end, literal))
    }
  }

  mutating func finish() {
    defer {
      words.removeAll()
      redirections.removeAll()
    }
    guard !words.isEmpty else { return }
    var assignments: [ShellWord] = []
    var index = 0
    while index < words.count, Self.isAssignment(words[index].value) {
      let word = words[index]
      assignments.append(
        ShellWord(value: word.value, range: range(word.start, word.end), isLiteral: word.literal))
      index += 1
    }
    let rest = words[index...].map {
      ShellWord(value: $0.value, range: range($0.start, $0.end), isLiteral: $0.literal)
    }
    let start = words.first!.start
    let end = words.last!.end
    commands.append(
      ShellCommand(
        assignments: assignments, name: rest.first, arguments: Array(rest.dropFirst()),
        redirections: redirections, range: range(start, end),
        separator: commands.isEmpty ? nil : separator, nesting: nesting))
  }

  static func isAssignment(_ word: String) -> Bool {
    guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
    let name = word[..<equals]
    return name.first.map { $0.isLetter || $0 == "_" } == true
      && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }
}
