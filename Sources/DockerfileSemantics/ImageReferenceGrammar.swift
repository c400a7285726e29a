/// Docker's image reference grammar (`distribution/reference`, as `ParseNormalizedNamed`
/// applies it to a FROM line): what the builder accepts as an image name before it pulls.
public enum ImageReferenceGrammar {
  /// Why `text` is not an image reference the builder accepts; nil when it is one.
  public static func problem(_ text: String) -> String? {
    guard !text.isEmpty else { return "it is empty" }
    var rest = Substring(text)
    var digest: Substring?
    if let at = rest.firstIndex(of: "@") {
      digest = rest[rest.index(after: at)...]
      rest = rest[..<at]
    }
    var tag: Substring?
    // A colon after the last slash starts the tag; one before it is a registry port.
    let lastSlash = rest.lastIndex(of: "/")
    if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
      tag = rest[rest.index(after: colon)...]
      rest = rest[..<colon]
    }
    let components = rest.split(separator: "/", omittingEmptySubsequences: false)
    var path = components[...]
    // The first component is a registry when it looks like a host (`.`, `:`, `localhost`,
    // or upper-case letters, which a repository may not have).
    if components.count > 1, let first = components.first,
      first.contains(".") || first.contains(":") || first == "localhost"
        || first.lowercased() != first
    {
      guard isDomain(first) else { return "`\(first)` is not a registry host" }
      path = components.dropFirst()
    }
    if rest.isEmpty { return "the image name is empty" }
    for component in path where !isPathComponent(component) {
      return component.isEmpty
        ? "it has an empty path component"
        : "`\(component)` is not a repository name, which takes lower-case letters, digits "
          + "and `.` `_` `-`"
    }
    if rest.utf8.count > 255 { return "the name is longer than 255 characters" }
    if components.count == 1, rest.utf8.count == 64, rest.allSatisfy(\.isHexDigit) {
      return "a 64-digit hexadecimal name is an image id, not a reference"
    }
    if let tag, tag.isEmpty { return "the tag after `:` is empty" }
    if let tag, !isTag(tag) { return "`\(tag)` is not a valid tag" }
    if let digest, digest.isEmpty { return "the digest after `@` is empty" }
    if let digest, !isDigest(digest) { return "`\(digest)` is not a valid digest" }
    return nil
  }

  private static func isLowerAlphanumeric(_ c: Character) -> Bool {
    c.isASCII && (c.isLowercase || c.isNumber)
  }

  private static func isPathComponent(_ text: Substring) -> Bool {
    // alpha-numeric (separator alpha-numeric)*, separator = [_.] | __ | -+
    let scalars = Array(text)
    guard let first = scalars.first, let last = scalars.last, isLowerAlphanumeric(first),
      isLowerAlphanumeric(last)
    else { return false }
    var index = 0
    while index < scalars.count {
      if isLowerAlphanumeric(scalars[index]) {
        index += 1
        continue
      }
      var end = index
      while end < scalars.count, !isLowerAlphanumeric(scalars[end]) { end += 1 }
      let separator = String(scalars[index..<end])
      guard
        separator == "." || separator == "_" || separator == "__"
          || (!separator.isEmpty && separator.allSatisfy { $0 == "-" })
      else { return false }
      index = end
    }
    return true
  }

  private static func isDomain(_ text: Substring) -> Bool {
    func isPort(_ port: Substring) -> Bool {
      !port.isEmpty && port.allSatisfy { $0.isASCII && $0.isNumber }
    }
    if text.hasPrefix("[") {
      // An IPv6 address: `[::1]` or `[::1]:5000`.
      guard let close = text.firstIndex(of: "]") else { return false }
      let inner = text[text.index(after: text.startIndex)..<close]
      let after = text[text.index(after: close)...]
      guard !inner.isEmpty, inner.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
      return after.isEmpty || (after.hasPrefix(":") && isPort(after.dropFirst()))
    }
    var host = text
    if let colon = text.firstIndex(of: ":") {
      guard isPort(text[text.index(after: colon)...]) else { return false }
      host = text[..<colon]
    }
    func alphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
    return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
      guard let first = label.first, let last = label.last else { return false }
      return alphanumeric(first) && alphanumeric(last)
        && label.allSatisfy { alphanumeric($0) || $0 == "-" }
    }
  }

  private static func isTag(_ text: Substring) -> Bool {
    func word(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    guard let first = text.first, word(first), text.count <= 128 else { return false }
    return text.allSatisfy { word($0) || $0 == "." || $0 == "-" }
  }

  private static func isDigest(_ text: Substring) -> Bool {
    guard let colon = text.firstIndex(of: ":") else { return false }
    let algorithm = text[..<colon]
    let hex = text[text.index(after: colon)...]
    let lengths = ["sha256": 64, "sha384": 96, "sha512": 128]
    guard let length = lengths[String(algorithm)] else { return false }
    return hex.count == length && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
  }
}
