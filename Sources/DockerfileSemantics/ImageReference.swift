import DockerfileSyntax

/// `[registry/]repository[:tag][@digest]` from a FROM line, with the range of each part.
public struct ImageReference: Hashable, Sendable {
  /// The reference after variable expansion (equal to the written text when there were none).
  public var text: String
  public let registry: String?
  public let repository: String
  public let tag: String?
  public var digest: String?
  /// Ranges inside the FROM word; when the word used variables they cover the whole word.
  public var range: SourceRange
  public var repositoryRange: SourceRange
  public var tagRange: SourceRange?
  public var digestRange: SourceRange?

  /// Windows base images (`mcr.microsoft.com/windows/servercore`, `…/nanoserver`, and tags
  /// such as `ltsc2022` or `nanoserver-1809` of other images, `…-windows` repositories such as
  /// `stefanscherer/node-windows`, and .NET Framework's `dotnet/framework/…`, Windows only).
  /// Decided once, in `init`: rules ask it of every instruction.
  public let isWindows: Bool

  private static func namesWindows(repository: String, tag: String?) -> Bool {
    let name = repository.lowercased()
    let tag = (tag ?? "").lowercased()
    return name.hasPrefix("windows/") || name.includes("/windows/")
      || ["nanoserver", "servercore", "windowsservercore"].contains { name.hasSuffix($0) }
      || name.hasSuffix("-windows") || name.hasPrefix("dotnet/framework/")
      || ["windowsservercore", "nanoserver", "ltsc20"].contains { tag.includes($0) }
  }

  /// `scratch`: the empty image.
  public var isScratch: Bool { registry == nil && repository.lowercased() == "scratch" }

  /// Repository without the registry or Docker Hub's `library/` prefix (`golang`, `bitnami/redis`).
  public var shortName: String {
    repository.hasPrefix("library/") ? String(repository.dropFirst(8)) : repository
  }

  /// The last path component (`golang` for `docker.io/library/golang`).
  public var imageName: String {
    String(repository.parts(separatedBy: UInt8(ascii: "/")).last ?? Substring(repository))
      .lowercased()
  }

  private static func containsWhitespace(_ text: String) -> Bool {
    for byte in text.utf8 {
      if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
      // Other whitespace (NBSP, NEL …) is not ASCII; only then look at Characters.
      if byte >= 0x80 { return text.contains(where: \.isWhitespace) }
    }
    return false
  }

  /// Parses `text`; `word` gives the source range. Part ranges are exact only when the
  /// written word is the text itself.
  public init?(_ text: String, word: Word) {
    guard !text.isEmpty, !Self.containsWhitespace(text) else { return nil }
    self.text = text
    // Searched as UTF-8: the separators are ASCII, so their indices are Character boundaries,
    // and Character-wise search was most of the time spent on a file with many stages.
    var rest = Substring(text)
    var digest: Substring?
    if let at = rest.utf8.firstIndex(of: UInt8(ascii: "@")) {
      digest = rest[rest.index(after: at)...]
      rest = rest[..<at]
    }
    var tag: Substring?
    if let colon = rest.utf8.lastIndex(of: UInt8(ascii: ":")),
      !rest.utf8[colon...].contains(UInt8(ascii: "/"))
    {
      tag = rest[rest.index(after: colon)...]
      rest = rest[..<colon]
    }
    var registry: Substring?
    if let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) {
      let first = rest[..<slash]
      if first.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") })
        || first == "localhost"
      {
        registry = first
        rest = rest[rest.index(after: slash)...]
      }
    }
    guard !rest.isEmpty else { return nil }
    self.registry = registry.map(String.init)
    self.repository = String(rest)
    self.tag = tag.map(String.init)
    isWindows = Self.namesWindows(repository: repository, tag: self.tag)
    self.digest = digest.map(String.init)
    range = word.range
    let exact = word.text == text && word.range.length == text.utf8.count
    func subrange(_ part: Substring?) -> SourceRange? {
      guard let part else { return nil }
      guard exact else { return word.range }
      let start = word.range.start + text.utf8.distance(from: text.startIndex, to: part.startIndex)
      return SourceRange(start: start, end: start + part.utf8.count)
    }
    repositoryRange = subrange(rest)!
    tagRange = subrange(tag)
    digestRange = subrange(digest)
  }
}
