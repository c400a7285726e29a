/// The value formats a label schema can require (hadolint's `label-schema` types), checked on
/// a label's value after variable expansion. Each check accepts what the format's standard
/// defines and nothing looser, so a finding always names a value a reader of the label cannot
/// use as that format.
public enum LabelValueFormats {
  /// An absolute URI (RFC 3986): a scheme (`[A-Za-z][A-Za-z0-9+.-]*`), `:`, then characters
  /// URIs allow (no spaces, quotes, `<>`, `\`, `^`, backquote, `{|}`), with `%` followed by
  /// two hexadecimal digits. `https://example.com/repo` and `urn:isbn:0451450523` are URIs;
  /// `example.com/repo` (no scheme) and `https://example.com/my repo` are not.
  public static func isURL(_ value: String) -> Bool {
    let bytes = Array(value.utf8)
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
      isLetter(bytes[0]),
      bytes[1..<colon].allSatisfy({ isLetter($0) || isDigit($0) || "+.-".utf8.contains($0) })
    else { return false }
    let allowed = Set("-._~:/?#[]@!$&'()*+,;=".utf8)
    var index = colon + 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "%") {
        guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else {
          return false
        }
        index += 3
        continue
      }
      guard isLetter(byte) || isDigit(byte) || allowed.contains(byte) else { return false }
      index += 1
    }
    return true
  }

  /// A git commit hash: 7 (abbreviated) or 40 lower-case hexadecimal digits, as hadolint
  /// accepts.
  public static func isGitHash(_ value: String) -> Bool {
    (value.utf8.count == 7 || value.utf8.count == 40)
      && value.utf8.allSatisfy {
        isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
      }
  }

  /// A semantic version (semver.org 2.0.0): `MAJOR.MINOR.PATCH`, numbers without leading
  /// zeros, an optional `-pre.release` (numeric parts without leading zeros) and `+build`.
  /// A leading `v` is not part of a version (`v1.2.3` is a tag name).
  public static func isSemanticVersion(_ value: String) -> Bool {
    var rest = Substring(value)
    var build: Substring?
    if let plus = rest.firstIndex(of: "+") {
      build = rest[rest.index(after: plus)...]
      rest = rest[..<plus]
    }
    var prerelease: Substring?
    if let dash = rest.firstIndex(of: "-") {
      prerelease = rest[rest.index(after: dash)...]
      rest = rest[..<dash]
    }
    let core = rest.split(separator: ".", omittingEmptySubsequences: false)
    guard core.count == 3, core.allSatisfy(isNumber) else { return false }
    if let prerelease {
      let parts = prerelease.split(separator: ".", omittingEmptySubsequences: false)
      guard
        parts.allSatisfy({ part in
          isIdentifier(part) && (!part.allSatisfy(\.isASCIIDigit) || isNumber(part))
        })
      else { return false }
    }
    if let build {
      guard build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isIdentifier)
      else { return false }
    }
    return true
  }

  /// An RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`
  /// (`T`/`Z` in either case, or a space for `T` as RFC 3339 allows). Dates are checked
  /// against the month's length (29 February in leap years only); a second may be 60.
  public static func isRFC3339(_ value: String) -> Bool {
    let b = Array(value.utf8)
    func number(_ start: Int, _ count: Int) -> Int? {
      guard start + count <= b.count else { return nil }
      var result = 0
      for byte in b[start..<start + count] {
        guard isDigit(byte) else { return nil }
        result = result * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return result
    }
    guard b.count >= 20, let year = number(0, 4), b[4] == UInt8(ascii: "-"),
      let month = number(5, 2), b[7] == UInt8(ascii: "-"), let day = number(8, 2),
      "Tt ".utf8.contains(b[10]), let hour = number(11, 2), b[13] == UInt8(ascii: ":"),
      let minute = number(14, 2), b[16] == UInt8(ascii: ":"), let second = number(17, 2),
      (1...12).contains(month), hour < 24, minute < 60, second <= 60
    else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard (1...days).contains(day) else { return false }
    var index = 19
    if index < b.count, b[index] == UInt8(ascii: ".") {
      index += 1
      let start = index
      while index < b.count, isDigit(b[index]) { index += 1 }
      guard index > start else { return false }
    }
    guard index < b.count else { return false }
    if "Zz".utf8.contains(b[index]) { return index + 1 == b.count }
    guard "+-".utf8.contains(b[index]), index + 6 == b.count, let offsetHour = number(index + 1, 2),
      b[index + 3] == UInt8(ascii: ":"), let offsetMinute = number(index + 4, 2)
    else { return false }
    return offsetHour < 24 && offsetMinute < 60
  }

  /// An e-mail address (RFC 5322 addr-spec, the forms people write): a dot-atom local part
  /// (letters, digits and ``!#$%&'*+/=?^_`{|}~-``, dots between them) or a quoted one, `@`,
  /// and a domain of dot-separated labels (letters, digits, inner hyphens) or an `[address]`
  /// literal. Display names (`Jane <jane@example.com>`) are not an address.
  public static func isEmail(_ value: String) -> Bool {
    guard let at = value.lastIndex(of: "@") else { return false }
    let local = value[..<at]
    let domain = value[value.index(after: at)...]
    guard !local.isEmpty, !domain.isEmpty else { return false }
    if local.hasPrefix("\""), local.hasSuffix("\""), local.count >= 2 {
      guard local.dropFirst().dropLast().allSatisfy({ $0.isASCII && $0 != "\"" && $0 != "\n" })
      else { return false }
    } else {
      let atom = Set("!#$%&'*+/=?^_`{|}~-".utf8)
      let parts = local.split(separator: ".", omittingEmptySubsequences: false)
      guard
        parts.allSatisfy({ part in
          !part.isEmpty && part.utf8.allSatisfy { isLetter($0) || isDigit($0) || atom.contains($0) }
        })
      else { return false }
    }
    if domain.hasPrefix("["), domain.hasSuffix("]") {
      return domain.count > 2
        && domain.dropFirst().dropLast().allSatisfy { $0.isASCII && !"[]\\ ".contains($0) }
    }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    return labels.allSatisfy { label in
      !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
        && label.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }
  }

  /// An SPDX license expression (SPDX 2.3 annex D): license identifiers of the SPDX list
  /// (any case, `+` after one allowed), `LicenseRef-…` and `DocumentRef-…:LicenseRef-…`,
  /// joined by `AND`/`OR`, with `WITH exception` and parentheses. `MIT`, `Apache-2.0 OR MIT`
  /// and `GPL-2.0-only WITH Classpath-exception-2.0` are expressions; `Apache 2`, `BSD` and
  /// `MIT/Apache-2.0` are not.
  public static func isSPDXExpression(_ value: String) -> Bool {
    SPDXExpression(value).isValid
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  static func isHex(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
  }

  /// A semver numeric identifier: digits, no leading zero unless it is `0`.
  private static func isNumber(_ part: Substring) -> Bool {
    !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && (part == "0" || part.first != "0")
  }

  /// A semver identifier: `[0-9A-Za-z-]+`.
  private static func isIdentifier(_ part: Substring) -> Bool {
    !part.isEmpty
      && part.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A recursive-descent reader of one SPDX license expression.
struct SPDXExpression {
  private var tokens: [Substring]
  private var index = 0

  init(_ text: String) {
    var tokens: [Substring] = []
    var start: String.Index?
    for position in text.indices {
      let character = text[position]
      if character == " " || character == "\t" || character == "(" || character == ")" {
        if let first = start { tokens.append(text[first..<position]) }
        start = nil
        if character == "(" || character == ")" { tokens.append(text[position...position]) }
      } else if start == nil {
        start = position
      }
    }
    if let first = start { tokens.append(text[first...]) }
    self.tokens = tokens
  }

  var isValid: Bool {
    var reader = self
    return !tokens.isEmpty && reader.orExpression() && reader.index == tokens.count
  }

  private var next: Substring? { index < tokens.count ? tokens[index] : nil }

  private mutating func orExpression() -> Bool {
    guard andExpression() else { return false }
    while next?.uppercased() == "OR" {
      index += 1
      guard andExpression() else { return false }
    }
    return true
  }

  private mutating func andExpression() -> Bool {
    guard simpleExpression() else { return false }
    while next?.uppercased() == "AND" {
      index += 1
      guard simpleExpression() else { return false }
    }
    return true
  }

  private mutating func simpleExpression() -> Bool {
    guard let token = next else { return false }
    if token == "(" {
      index += 1
      guard orExpression(), next == ")" else { return false }
      index += 1
      return true
    }
    guard Self.isLicense(token) else { return false }
    index += 1
    if next?.uppercased() == "WITH" {
      index += 1
      guard let exception = next, Self.exceptionsLowercased.contains(exception.lowercased())
      else { return false }
      index += 1
    }
    return true
  }

  private static let licensesLowercased = Set(licenses.map { $0.lowercased() })
  private static let exceptionsLowercased = Set(exceptions.map { $0.lowercased() })

  private static func isLicense(_ token: Substring) -> Bool {
    let word = token.hasSuffix("+") ? token.dropLast() : token
    if licensesLowercased.contains(word.lowercased()) { return true }
    var reference = word
    if reference.hasPrefix("DocumentRef-"), let colon = reference.firstIndex(of: ":") {
      guard isIDString(reference[reference.index(reference.startIndex, offsetBy: 12)..<colon])
      else { return false }
      reference = reference[reference.index(after: colon)...]
    }
    guard reference.hasPrefix("LicenseRef-"), word == token else { return false }
    return isIDString(reference.dropFirst(11))
  }

  /// SPDX's idstring: letters, digits, `.` and `-`.
  private static func isIDString(_ text: Substring) -> Bool {
    !text.isEmpty
      && text.utf8.allSatisfy {
        LabelValueFormats.isLetter($0) || LabelValueFormats.isDigit($0)
          || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
      }
  }
}
