import DockerfileSyntax

/// The fix of `BL5003 unused-suppression`: stale entries leave the ignore comment (its
/// reason stays), and a comment left with none is deleted with its line.
enum SuppressionFix {
  static func removing(_ stale: Set<String>, from suppression: Suppression, in source: SourceFile)
    -> Fix?
  {
    guard !stale.isEmpty, suppression.problem == nil, let first = suppression.entries.first,
      let last = suppression.entries.last
    else { return nil }
    let kept = suppression.entries.filter { !stale.contains($0.written) }
    if kept.isEmpty {
      return deletingLine(suppression.range, in: source).map {
        Fix(title: "remove the ignore comment", edits: [$0], safety: .safe)
      }
    }
    let list = kept.map { source.text($0.range) }.joined(separator: ",")
    return Fix(
      title: "remove \(stale.sorted().map { "`\($0)`" }.joined(separator: ", ")) from the comment",
      edits: [
        Fix.Edit(
          range: SourceRange(start: first.range.start, end: last.range.end), replacement: list)
      ], safety: .safe)
  }

  /// The comment's line with its line break, when nothing else is on it.
  static func deletingLine(_ range: SourceRange, in source: SourceFile) -> Fix.Edit? {
    let bytes = source.bytes
    var start = range.start
    while start > 0 && (bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09) { start -= 1 }
    guard start == 0 || bytes[start - 1] == 0x0A else { return nil }
    var end = range.end
    while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0D) {
      end += 1
    }
    if end < bytes.count {
      guard bytes[end] == 0x0A else { return nil }
      end += 1
    }
    return .delete(SourceRange(start: start, end: end))
  }
}
