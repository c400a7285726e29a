import DockerfileSyntax

/// A path that a layer of the final image put in place, as far as can be known: COPY/ADD
/// destinations and files downloaded by RUN. Read by the rules about deleting or re-owning
/// files in later layers.
public struct AddedPath: Sendable {
  /// Absolute path in the image.
  public var path: String
  /// True when `path` is a folder holding copied files.
  public var isDirectory: Bool
  /// True when the copied sources include the whole build context.
  public var isWholeContext: Bool
  public var position: Int
  public var line: Int
  public var what: String
  /// Where the path is named: the COPY/ADD destination, or the download's output word.
  public var range: SourceRange
}

/// Added paths, found by exact path or by enclosing folder, so asking about each deleted or
/// re-owned path does not rescan every earlier layer (quadratic on long files).
public struct AddedPathIndex: Sendable {
  /// In build order.
  public let all: [AddedPath]
  private var byPath: [String: [Int]] = [:]
  /// Under each folder: the paths inside it, and the folder itself.
  private var byFolder: [String: [Int]] = [:]

  public init(_ paths: [AddedPath]) {
    all = paths
    for (index, added) in paths.enumerated() {
      byPath[added.path, default: []].append(index)
      byFolder["/", default: []].append(index)
      let utf8 = added.path.utf8
      for slash in utf8.indices.dropFirst() where utf8[slash] == UInt8(ascii: "/") {
        byFolder[String(added.path[..<slash]), default: []].append(index)
      }
      if added.path != "/" { byFolder[added.path, default: []].append(index) }
    }
  }

  /// The last path added exactly at `path` before `position` that `accept` takes.
  public func last(
    at path: String, before position: Int, where accept: (AddedPath) -> Bool = { _ in true }
  ) -> (index: Int, path: AddedPath)? {
    last(in: byPath[path] ?? [], before: position, where: accept)
  }

  /// The last path added inside `folder` (or at it) before `position` that `accept` takes.
  public func last(
    within folder: String, before position: Int, where accept: (AddedPath) -> Bool = { _ in true }
  ) -> (index: Int, path: AddedPath)? {
    last(in: byFolder[folder] ?? [], before: position, where: accept)
  }

  private func last(
    in indices: [Int], before position: Int, where accept: (AddedPath) -> Bool
  ) -> (index: Int, path: AddedPath)? {
    // Indices follow build order, so positions ascend: find the first at or after `position`.
    var low = 0
    var high = indices.count
    while low < high {
      let mid = (low + high) / 2
      if all[indices[mid]].position < position { low = mid + 1 } else { high = mid }
    }
    for index in indices[..<low].reversed() where accept(all[index]) {
      return (index, all[index])
    }
    return nil
  }
}

extension AnalyzedDockerfile {
  /// Paths added by the final image's instructions, in build order. Computed once per file
  /// (see `init`); rules look at the entries before the instruction at hand.
  static func addedPaths(in file: AnalyzedDockerfile) -> [AddedPath] {
    var added: [AddedPath] = []
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      let line = instruction.startLine
      if instruction.kind == .copy || instruction.kind == .add {
        guard let directory = file.workingDirectory(before: position) else { continue }
        guard let words = instruction.listWords else { continue }
        guard let destination = words.last, words.count >= 2, !destination.text.contains("$") else {
          continue
        }
        let sources = words.dropLast().map(\.text)
        let target = Paths.resolve(destination.text, in: directory)
        let intoFolder =
          destination.text.hasSuffix("/") || sources.count > 1
          || sources.contains { $0.hasSuffix("/") || $0 == "." || $0.contains("*") }
        let keyword = instruction.keyword.uppercased()
        if intoFolder || sources.count != 1 {
          added.append(
            AddedPath(
              path: target, isDirectory: true,
              isWholeContext: sources.contains { $0 == "." || $0 == "./" },
              position: position, line: line, what: keyword, range: destination.range))
          for source in sources
          where !source.contains("*") && !source.hasSuffix("/") && source != "." {
            added.append(
              AddedPath(
                path: Paths.resolve(Paths.baseName(source), in: target), isDirectory: false,
                isWholeContext: false, position: position, line: line, what: keyword,
                range: destination.range))
          }
        } else {
          added.append(
            AddedPath(
              path: target, isDirectory: false, isWholeContext: false, position: position,
              line: line, what: keyword, range: destination.range))
        }
      }
      if instruction.kind == .run, let script = file.scripts[position],
        let directory = file.workingDirectory(before: position)
      {
        // A download the same RUN deletes again never reaches the layer.
        let deletions = ShellDeletions(script, in: directory)
        for download in script.downloads(in: directory)
        where !deletions.deletes(download.path, after: download.index) {
          added.append(
            AddedPath(
              path: download.path, isDirectory: false, isWholeContext: false,
              position: position, line: line, what: "download", range: download.range))
        }
      }
    }
    // Paths past PATH_MAX cannot exist; indexing every folder of one would cost its length
    // squared (a 60 KB destination took 900 MB).
    return added.filter { $0.path.utf8.count < Paths.maximumLength }
  }

}

extension ShellScript {
  /// Files written by `curl -o` / `wget -O` with a literal name, resolved in `directory`, with
  /// the index of the command that writes each and the range of the name.
  public func downloads(in directory: String) -> [(index: Int, path: String, range: SourceRange)] {
    commands.enumerated().flatMap { index, command -> [(Int, String, SourceRange)] in
      guard let download = command.download else { return [] }
      if let output = download.output {
        guard output.isLiteral, output.value != "-" else { return [] }
        return [(index, Paths.resolve(output.value, in: directory), output.range)]
      }
      // `wget URL` and `curl -O URL` save under the address's last path segment (`wget -P dir`
      // in that folder).
      guard download.savesUnderRemoteName else { return [] }
      var folder = directory
      if download.tool == .wget, let prefix = download.arguments.value("-P", "--directory-prefix") {
        guard prefix.isLiteral else { return [] }
        folder = Paths.resolve(prefix.value, in: directory)
      }
      return download.urls.compactMap { url in
        guard url.isLiteral, let name = Self.remoteName(url.value) else { return nil }
        return (index, Paths.resolve(name, in: folder), url.range)
      }
    }
  }
}

extension ShellScript {
  /// The file name wget and `curl -O` give a download: the address's last path segment, nil
  /// when there is none (`https://example.com/`).
  static func remoteName(_ url: String) -> String? {
    let utf8 = Array(url.utf8)
    guard
      let scheme = utf8.indices.first(where: {
        $0 + 2 < utf8.count && utf8[$0] == UInt8(ascii: ":") && utf8[$0 + 1] == UInt8(ascii: "/")
          && utf8[$0 + 2] == UInt8(ascii: "/")
      })
    else { return nil }
    var path = Substring(String(decoding: utf8[(scheme + 3)...], as: UTF8.self))
    if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
    guard let slash = path.firstIndex(of: "/") else { return nil }
    let name = path[slash...].split(separator: "/").last.map(String.init) ?? ""
    guard !name.isEmpty, !path.hasSuffix("/"), name != ".", name != ".." else { return nil }
    return name
  }
}

extension ShellCommand {
  /// Literal path operands (options and their values skipped), resolved in `directory`.
  public func pathOperands(in directory: String) -> [(word: ShellWord, path: String)] {
    parsedArguments.operands.compactMap { word in
      guard word.isLiteral, !word.value.isEmpty else { return nil }
      return (word, Paths.resolve(word.value, in: directory))
    }
  }
}

/// What the `rm` commands of one script delete, in order and resolved, indexed for asking
/// about many paths. (`ShellScript.removes(_:)` answers the looser question whether a cache
/// folder is touched at all, in any order.)
public struct ShellDeletions {
  /// Per target, resolved and without trailing `/*`: the position of the last `rm` naming it.
  private var lastByTarget: [String: Int] = [:]

  public init(_ script: ShellScript, in directory: String) {
    for position in script.positions(of: "rm") {
      for (_, path) in script.commands[position].pathOperands(in: directory) {
        var target = path
        while target.hasSuffix("/*") { target.removeLast(2) }
        if target != "/" { lastByTarget[target] = position }
      }
    }
  }

  /// True when an `rm` after command `position` deletes `path` or a folder holding it
  /// (`rm -rf /tmp/*` deletes `/tmp/x`). `cd` inside the script is not followed.
  public func deletes(_ path: String, after position: Int) -> Bool {
    guard !lastByTarget.isEmpty else { return false }
    if let last = lastByTarget[path], last > position { return true }
    // Enclosing folders, outermost first; past 64 levels a path is not followed further.
    var levels = 0
    for slash in path.utf8.indices.dropFirst() where path.utf8[slash] == UInt8(ascii: "/") {
      if let last = lastByTarget[String(path[..<slash])], last > position { return true }
      levels += 1
      if levels == 64 { break }
    }
    return false
  }
}
