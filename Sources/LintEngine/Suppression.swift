import DockerfileSyntax

/// An inline `# ballast ignore=…` (next instruction) or `# ballast global ignore=…` (whole
/// file) comment, or hadolint's `# hadolint ignore=DLxxxx` for rules with an equivalent.
public struct Suppression: Sendable, Hashable {
  public enum Scope: Sendable, Hashable {
    case file
    /// The instruction following the comment.
    case instruction(SourceRange)
  }

  public enum Origin: Sendable, Hashable {
    case ballast
    case hadolint
  }

  public var scope: Scope
  public var origin: Origin
  /// The ids or names as written, each with the rule ids it stands for (empty when unknown).
  public var entries: [(written: String, ruleIDs: [String])]
  public var range: SourceRange

  public static func == (lhs: Suppression, rhs: Suppression) -> Bool {
    lhs.range == rhs.range
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(range) }

  public func covers(_ finding: Finding) -> Bool {
    switch scope {
    case .file: return true
    case .instruction(let range):
      return range.start <= finding.range.start && finding.range.start <= range.end
    }
  }

  /// Reads every suppression comment of a file.
  public static func all(in file: Dockerfile, catalog: RuleCatalog) -> [Suppression] {
    var result: [Suppression] = []
    var nextInstruction = 0
    for comment in file.comments {
      guard let (origin, global, list) = parse(comment.text) else { continue }
      while nextInstruction < file.instructions.count
        && file.instructions[nextInstruction].range.start < comment.range.start
      {
        nextInstruction += 1
      }
      let scope: Scope
      if global {
        scope = .file
      } else if nextInstruction < file.instructions.count {
        scope = .instruction(file.instructions[nextInstruction].range)
      } else {
        scope = .instruction(SourceRange(start: comment.range.end, end: comment.range.end))
      }
      let entries = list.map { written in
        let ids =
          origin == .ballast
          ? catalog.rule(written).map { [$0.id] } ?? []
          : catalog.rules(forHadolintID: written).map(\.id)
        return (written, ids)
      }
      result.append(
        Suppression(scope: scope, origin: origin, entries: entries, range: comment.range))
    }
    return result
  }

  /// `ballast ignore=a,b`, `ballast global ignore=a`, `hadolint ignore=DL3006`.
  static func parse(_ text: Substring) -> (Origin, Bool, [String])? {
    var words = text.split(separator: " ", omittingEmptySubsequences: true)
    guard let tool = words.first else { return nil }
    let origin: Origin
    switch tool.lowercased() {
    case "ballast": origin = .ballast
    case "hadolint": origin = .hadolint
    default: return nil
    }
    words.removeFirst()
    var global = false
    if words.first?.lowercased() == "global" {
      global = true
      words.removeFirst()
    }
    guard let assignment = words.first, assignment.lowercased().hasPrefix("ignore=") else {
      return nil
    }
    let rest = ([assignment.dropFirst("ignore=".count)] + words.dropFirst()).joined(separator: "")
    let list = rest.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    return (origin, global, list)
  }

  static func parse(_ text: String) -> (Origin, Bool, [String])? {
    parse(Substring(text))
  }
}

extension Substring {
  func trimmingSpaces() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
