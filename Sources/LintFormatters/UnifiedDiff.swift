/// A unified diff of two versions of one file, as `git apply` and `patch -p1` read it:
/// `a/` and `b/` paths, hunks with three lines of context, and git's marker for a missing
/// final newline.
public enum UnifiedDiff {
  public static let context = 3

  /// Empty when the texts are equal.
  public static func diff(_ old: [UInt8], _ new: [UInt8], path: String) -> String {
    guard old != new else { return "" }
    let before = lines(old)
    let after = lines(new)
    let script = edits(before, after)
    var output = "--- \(header("a/" + path))\n+++ \(header("b/" + path))\n"
    for hunk in hunks(script) {
      let oldCount = hunk.filter { $0.kind != .insert }.count
      let newCount = hunk.filter { $0.kind != .delete }.count
      let oldStart = (hunk.first?.old ?? 0) + (oldCount == 0 ? 0 : 1)
      let newStart = (hunk.first?.new ?? 0) + (newCount == 0 ? 0 : 1)
      output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
      for line in hunk {
        let text: [UInt8]
        let mark: String
        switch line.kind {
        case .keep: (mark, text) = (" ", before[line.old])
        case .delete: (mark, text) = ("-", before[line.old])
        case .insert: (mark, text) = ("+", after[line.new])
        }
        output += mark + String(decoding: text, as: UTF8.self)
        if text.last != 0x0A { output += "\n\\ No newline at end of file\n" }
      }
    }
    return output
  }

  private static func range(_ start: Int, _ count: Int) -> String {
    count == 1 ? "\(start)" : "\(start),\(count)"
  }

  /// git quotes names with special characters and ends names holding a space with a tab.
  static func header(_ name: String) -> String {
    let special = name.unicodeScalars.contains {
      $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F || $0.value >= 0x80
    }
    guard special else { return name.contains(" ") ? name + "\t" : name }
    var quoted = "\""
    for byte in name.utf8 {
      switch byte {
      case UInt8(ascii: "\""): quoted += "\\\""
      case UInt8(ascii: "\\"): quoted += "\\\\"
      case 0x09: quoted += "\\t"
      case 0x0A: quoted += "\\n"
      case 0x20..<0x7F: quoted.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let octal = String(byte, radix: 8)
        quoted += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
      }
    }
    return quoted + "\""
  }

  /// Lines with their line breaks; the last one may lack it.
  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      result.append(Array(bytes[start...index]))
      start = index + 1
    }
    if start < bytes.count { result.append(Array(bytes[start...])) }
    return result
  }

  struct Line {
    enum Kind { case keep, delete, insert }
    var kind: Kind
    /// Index of the line in the old text (for an insertion: of the next old line).
    var old: Int
    /// Index of the line in the new text (for a deletion: of the next new line).
    var new: Int
  }

  /// The shortest edit script (Myers), after the common prefix and suffix are set aside.
  static func edits(_ a: [[UInt8]], _ b: [[UInt8]]) -> [Line] {
    var prefix = 0
    while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix && suffix < b.count - prefix
      && a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    let x = Array(a[prefix..<(a.count - suffix)])
    let y = Array(b[prefix..<(b.count - suffix)])
    var script = (0..<prefix).map { Line(kind: .keep, old: $0, new: $0) }
    for line in middle(x, y) {
      script.append(Line(kind: line.kind, old: line.old + prefix, new: line.new + prefix))
    }
    for offset in 0..<suffix {
      script.append(
        Line(kind: .keep, old: a.count - suffix + offset, new: b.count - suffix + offset))
    }
    return script
  }

  private static func middle(_ a: [[UInt8]], _ b: [[UInt8]]) -> [Line] {
    let n = a.count
    let m = b.count
    if n == 0 || m == 0 {
      return (0..<n).map { Line(kind: .delete, old: $0, new: 0) }
        + (0..<m).map { Line(kind: .insert, old: n, new: $0) }
    }
    let limit = n + m
    var frontier = [Int](repeating: 0, count: 2 * limit + 2)
    var trace: [[Int]] = []
    search: for depth in 0...limit {
      trace.append(frontier)
      for k in stride(from: -depth, through: depth, by: 2) {
        var x: Int
        if k == -depth || (k != depth && frontier[limit + k - 1] < frontier[limit + k + 1]) {
          x = frontier[limit + k + 1]
        } else {
          x = frontier[limit + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && a[x] == b[y] {
          x += 1
          y += 1
        }
        frontier[limit + k] = x
        if x >= n && y >= m { break search }
      }
    }
    // Walk back through the saved frontiers.
    var result: [Line] = []
    var x = n
    var y = m
    for depth in stride(from: trace.count - 1, through: 0, by: -1) {
      let saved = trace[depth]
      let k = x - y
      let previousK: Int
      if k == -depth || (k != depth && saved[limit + k - 1] < saved[limit + k + 1]) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = depth == 0 ? 0 : saved[limit + previousK]
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        result.append(Line(kind: .keep, old: x, new: y))
      }
      guard depth > 0 else { break }
      if x == previousX {
        y -= 1
        result.append(Line(kind: .insert, old: x, new: y))
      } else {
        x -= 1
        result.append(Line(kind: .delete, old: x, new: y))
      }
    }
    while x > 0 && y > 0 {
      x -= 1
      y -= 1
      result.append(Line(kind: .keep, old: x, new: y))
    }
    return result.reversed()
  }

  /// Changed lines with up to `context` unchanged lines around them; nearby changes share a
  /// hunk.
  static func hunks(_ script: [Line]) -> [[Line]] {
    let changed = script.indices.filter { script[$0].kind != .keep }
    var hunks: [[Line]] = []
    var index = 0
    while index < changed.count {
      let start = max(0, changed[index] - context)
      var end = changed[index]
      while index + 1 < changed.count && changed[index + 1] - end <= 2 * context {
        index += 1
        end = changed[index]
      }
      hunks.append(Array(script[start...min(script.count - 1, end + context)]))
      index += 1
    }
    return hunks
  }
}
