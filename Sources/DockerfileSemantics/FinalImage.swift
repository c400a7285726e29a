import DockerfileSyntax

extension AnalyzedDockerfile {
  /// The stages whose layers end up in the final image: the final stage and the stages it
  /// is built `FROM`, oldest first. Build stages only copied from are not among them.
  public var finalImageStages: [Stage] {
    finalStage.map { $0.chain(in: stages).reversed() } ?? []
  }

  /// Instruction positions of the final image's layers, in build order.
  public var finalImagePositions: [Int] {
    finalImageStages.flatMap { Array($0.instructionIndices) }
  }

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
    let joined = path.hasPrefix("/") ? path : directory + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        _ = parts.popLast()
      } else {
        parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// True when `path` is `directory` or inside it.
  public static func isWithin(_ path: String, _ directory: String) -> Bool {
    directory == "/" || path == directory || path.hasPrefix(directory + "/")
  }

  /// The folder containing `path` (`/` for top-level entries).
  public static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
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
