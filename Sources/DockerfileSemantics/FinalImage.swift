import DockerfileSyntax

extension AnalyzedDockerfile {
  /// The image at the bottom of the final stage's `FROM` chain.
  public var finalBaseImage: ImageReference? {
    finalImageStages.first?.baseImage
  }

  /// The working directory in force before `position` (WORKDIR of the stage chain), `/` by
  /// default; nil when a WORKDIR used a variable ballast cannot resolve.
  public func workingDirectory(before position: Int) -> String? {
    guard position >= 0, position < scopes.workingDirectories.count else { return "/" }
    return scopes.workingDirectories[position]
  }
}

/// POSIX path helpers for reasoning about image contents.
public enum Paths {
  /// Linux's PATH_MAX: longer paths cannot be used, and ballast treats them as unknown.
  public static let maximumLength = 4_096

  /// `path` made absolute against `directory`, with `.`/`..` and duplicate slashes removed.
  public static func resolve(_ path: String, in directory: String) -> String {
    if isNormalAbsolute(path) { return path }
    let joined = path.hasPrefix("/") ? path : directory + "/" + path
    var parts: [Substring] = []
    for part in joined.parts(separatedBy: UInt8(ascii: "/")) {
      if part == "." { continue }
      if part == ".." {
        _ = parts.popLast()
      } else {
        parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// True for `/a/b`: absolute, no empty, `.` or `..` component, no trailing slash, so
  /// `resolve` would return it unchanged (most paths rules resolve are written so).
  static func isNormalAbsolute(_ path: String) -> Bool {
    let slash = UInt8(ascii: "/")
    let dot = UInt8(ascii: ".")
    var bytes = path.utf8.makeIterator()
    guard bytes.next() == slash else { return false }
    // Length of the current component, and whether it holds only dots so far.
    var length = 0
    var onlyDots = true
    while let byte = bytes.next() {
      if byte == slash {
        if length == 0 || (onlyDots && length <= 2) { return false }
        length = 0
        onlyDots = true
      } else {
        length += 1
        if byte != dot { onlyDots = false }
      }
    }
    return length > 0 && !(onlyDots && length <= 2) || path == "/"
  }

  /// True when `path` is `directory` or inside it.
  public static func isWithin(_ path: String, _ directory: String) -> Bool {
    directory == "/" || path == directory || path.hasPrefix(directory + "/")
  }

  /// The folder containing `path` (`/` for top-level entries).
  public static func parent(of path: String) -> String {
    guard let folder = path.prefix(beforeLast: UInt8(ascii: "/")), !folder.isEmpty else {
      return "/"
    }
    return String(folder)
  }

  /// The last path component, trailing slashes ignored (`b` for `a/b/`, empty for `/`).
  /// Searched as UTF-8 without splitting: rules ask it of every word of a RUN.
  public static func baseName(_ path: String) -> String {
    let slash = UInt8(ascii: "/")
    let bytes = path.utf8
    guard let last = bytes.lastIndex(where: { $0 != slash }) else { return "" }
    let end = bytes.index(after: last)
    let start =
      bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
    if start == bytes.startIndex && end == bytes.endIndex { return path }
    return String(path[start..<end])
  }
}
