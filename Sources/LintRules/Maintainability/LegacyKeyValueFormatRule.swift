import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `ENV key value` and `LABEL key value`: the whitespace form BuildKit deprecates, where the
/// value silently runs to the end of the line.
struct LegacyKeyValueFormatRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5031", name: "legacy-key-value-format", severity: .info,
    summary: "ENV or LABEL uses the legacy `key value` form instead of `key=value`.",
    peers: PeerEquivalents(buildkit: ["LegacyKeyValueFormat"]), fix: .safe)

  fileprivate static func message(_ keyword: String, _ key: String) -> String {
    "`\(keyword) \(key) …` uses the legacy `key value` form: the value is the rest of the line"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard instruction.kind == .env || instruction.kind == .label,
      case .keyValues(let pairs, legacy: true) = instruction.arguments, let pair = pairs.first
    else { return [] }
    let keyword = instruction.keyword.uppercased()
    return [
      finding(
        pair.key.range, Self.message(keyword, pair.key.text),
        help:
          "write `\(keyword) \(pair.key.text)=…`; `key=value` pairs can be listed in one \(keyword)",
        fix: fix(pair, in: file))
    ]
  }

  /// `key=value` with the same meaning: the value as written when whitespace inside it is
  /// quoted or escaped already, in double quotes when it is plain text; no fix otherwise.
  private func fix(_ pair: KeyValuePair, in file: AnalyzedDockerfile) -> Fix? {
    let gap = SourceRange(start: pair.key.range.end, end: pair.value.range.start)
    // `ENV PATH` alone is an error the builder rejects; `ENV PATH=` would empty PATH.
    guard !pair.value.text.isEmpty, !pair.value.range.isEmpty,
      file.source.text(gap).allSatisfy({ $0 == " " || $0 == "\t" })
    else { return nil }
    var edits = [Fix.Edit(range: gap, replacement: "=")]
    let escape = file.syntax.escapeCharacter
    switch Self.whitespace(in: pair.value.text, escape: escape) {
    case .none, .quotedOnly:
      break
    case .unquoted where !pair.value.text.contains(where: { "\"'`\\".contains($0) || $0 == escape }):
      edits.append(
        Fix.Edit(
          range: SourceRange(start: pair.value.range.start, end: pair.value.range.start),
          replacement: "\""))
      edits.append(
        Fix.Edit(
          range: SourceRange(start: pair.value.range.end, end: pair.value.range.end),
          replacement: "\""))
    default:
      return nil
    }
    return Fix(title: "write `\(pair.key.text)=…`", edits: edits, safety: .safe)
  }

  enum Whitespace { case none, quotedOnly, unquoted }

  /// Whether the legacy value has whitespace that the `key=value` form would split on
  /// (BuildKit's `parseWords`: quotes group, the escape character protects the next one).
  static func whitespace(in value: String, escape: Character) -> Whitespace {
    var quote: Character?
    var escaped = false
    var sawQuoted = false
    for character in value {
      if escaped {
        escaped = false
        continue
      }
      if character == escape && quote != "'" {
        escaped = true
        continue
      }
      if let open = quote {
        if character == open { quote = nil } else if character.isWhitespace { sawQuoted = true }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character.isWhitespace {
        return .unquoted
      }
    }
    return sawQuoted ? .quotedOnly : .none
  }
}
