/// Docker's image reference grammar (`distribution/reference`, as `ParseNormalizedNamed`
/// applies it to a FROM line): what the builder accepts as an image name before it pulls.
public enum ImageReferenceGrammar {
  /// Why `text` is not an image reference the builder accepts; nil when it is one.
  public static func problem(_ text: String) -> String? {
    guard !text.isEmpty else { return "it is empty" }
    var rest = Substring(text)
    var digest: Substring?
    if let at = rest.utf8.firstIndex(of: UInt8(ascii: "@")) {
      digest = rest[rest.index(after: at)...]
      rest = rest[..<at]
    }
    var tag: Substring?
    // A colon after the last slash starts the tag; one before it is a registry port.
    let lastSlash = rest.utf8.lastIndex(of: UInt8(ascii: "/"))
    if let colon = rest.utf8.lastIndex(of: UInt8(ascii: ":")), lastSlash.map({ colon > $0 }) ?? true
    {
      tag = rest[rest.index(after: colon)...]
      rest = rest[..<colon]
    }
    let components = rest.split(separator: "/", omittingEmptySubsequences: false)
    var path = components[...]
    // The first component is a registry when it looks like a host (`.`, `:`, `localhost`,
    // or upper-case letters, which a repository may not have).
    if components.count > 1, let first = components.first,
      first.utf8.contains(UInt8(ascii: ".")) || first.utf8.contains(UInt8(ascii: ":"))
        || first == "localhost"
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
    if components.count == 1, rest.utf8.count == 64, rest.utf8.allSatisfy(isHexDigit) {
      return "a 64-digit hexadecimal name is an image id, not a reference"
    }
    if let tag, tag.isEmpty { return "the tag after `:` is empty" }
    if let tag, !isTag(tag) { return "`\(tag)` is not a valid tag" }
    if let digest, digest.isEmpty { return "the digest after `@` is empty" }
    if let digest, !isDigest(digest) { return "`\(digest)` is not a valid digest" }
    return nil
  }

  // The grammar is ASCII: the tests below read bytes (a non-ASCII byte fails every one).

  private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isDigit(byte)
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
  }

  private static func isPathComponent(_ text: Substring) -> Bool {
    // alpha-numeric (separator alpha-numeric)*, separator = [_.] | __ | -+
    let bytes = Array(text.utf8)
    guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first),
      isLowerAlphanumeric(last)
    else { return false }
    var index = 0
    while index < bytes.count {
      if isLowerAlphanumeric(bytes[index]) {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count, !isLowerAlphanumeric(bytes[end]) { end += 1 }
      let separator = bytes[index..<end]
      let isSeparator =
        separator.elementsEqual([UInt8(ascii: ".")]) || separator.elementsEqual([UInt8(ascii: "_")])
        || separator.elementsEqual([UInt8(ascii: "_"), UInt8(ascii: "_")])
        || separator.allSatisfy { $0 == UInt8(ascii: "-") }
      guard isSeparator else { return false }
      index = end
    }
    return true
  }

  private static func isDomain(_ text: Substring) -> Bool {
    func isPort(_ port: Substring) -> Bool {
      !port.isEmpty && port.utf8.allSatisfy(isDigit)
    }
    if text.hasPrefix("[") {
      // An IPv6 address: `[::1]` or `[::1]:5000`.
      guard let close = text.firstIndex(of: "]") else { return false }
      let inner = text[text.index(after: text.startIndex)..<close]
      let after = text[text.index(after: close)...]
      guard !inner.isEmpty, inner.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") })
      else { return false }
      return after.isEmpty || (after.hasPrefix(":") && isPort(after.dropFirst()))
    }
    var host = text
    if let colon = text.firstIndex(of: ":") {
      guard isPort(text[text.index(after: colon)...]) else { return false }
      host = text[..<colon]
    }
    return host.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
      .allSatisfy { label in
        guard let first = label.first, let last = label.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
          && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
      }
  }

  private static func isTag(_ text: Substring) -> Bool {
    func word(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
    guard let first = text.utf8.first, word(first), text.utf8.count <= 128 else { return false }
    return text.utf8.allSatisfy { word($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
  }

  private static func isDigest(_ text: Substring) -> Bool {
    guard let colon = text.firstIndex(of: ":") else { return false }
    let algorithm = text[..<colon]
    let hex = text[text.index(after: colon)...].utf8
    let length: Int
    switch algorithm {
    case "sha256": length = 64
    case "sha384": length = 96
    case "sha512": length = 128
    default: return false
    }
    return hex.count == length
      && hex.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
  }
}
