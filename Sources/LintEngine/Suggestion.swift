/// The closest valid spelling of a mistyped word, for the "did you mean" of error messages
/// (command line, configuration files, suppression comments).
public enum Suggestion {
  /// The candidate nearest to `word`: the same word in another case, a candidate that starts
  /// with it (`warn` → `warning`), or the nearest by edit distance when that distance is at
  /// most a third of the word's length. Ties go to the earlier candidate.
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let typed = Array(word.lowercased())
    guard !typed.isEmpty else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let valid = Array(candidate.lowercased())
      if valid == typed { return candidate }
      var distance = editDistance(typed, valid)
      if typed.count >= 3, valid.starts(with: typed) { distance = min(distance, 1) }
      if distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(1, typed.count / 3) else { return nil }
    return best.candidate
  }

  /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
  /// neighbours (`jsno` → `json` is one edit). Words here are short; two rows suffice.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, before[j - 2] + 1)
        }
        current[j] = value
      }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }
}

extension RuleCatalog {
  /// The end of a message about `key`, which names no rule: the closest rule id or name, the
  /// rule for a peer's id (`DL3020` → `BL5001`), or where the list of rules is.
  /// With `selecting`, the names of `RuleGroup`s are candidates too.
  public func unknownRuleHint(_ key: String, selecting: Bool = false) -> String {
    let peers = rules(forAnyPeerID: key)
    if let first = peers.first {
      let ids = Wording.list(first.rules.map { "'\($0.id)'" })
      let spelled =
        first.rules.first?.peers[first.peer].first { $0.uppercased() == key.uppercased() } ?? key
      return "; did you mean \(ids) (\(first.peer.title) \(spelled))?"
    }
    // Peers' ids too: `JSONArgsRecomended` is nearest to BuildKit's check.
    let names =
      descriptors.flatMap { [$0.id, $0.name] } + PeerChecks.hadolint.map(\.id)
      + PeerChecks.buildkit + (selecting ? RuleGroup.allCases.map(\.rawValue) : [])
    if let near = Suggestion.closest(to: key, in: names) { return "; did you mean '\(near)'?" }
    return " (see `ballast rules`)"
  }
}

/// Lists for messages: `a`, `a or b`, `a, b or c`.
public enum Wording {
  public static func list(_ items: [String], conjunction: String = "or") -> String {
    guard let last = items.last else { return "" }
    guard items.count > 1 else { return last }
    return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
  }
}
