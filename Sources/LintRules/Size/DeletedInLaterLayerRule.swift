import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `rm` of files an earlier layer added: the bytes stay in that layer.
struct DeletedInLaterLayerRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1007", name: "deleted-in-later-layer", severity: .warning,
    summary: "A RUN deletes files an earlier layer added; the image does not get smaller.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    /// The line of the last RUN whose `apt-get update` left the lists, and that command.
    var listsLayer: (line: Int, update: SourceRange)?
    /// Package caches earlier RUNs left, by folder: what wrote them, where.
    var cacheLayers: [String: (line: Int, command: String, range: SourceRange)] = [:]
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed,
        let directory = file.workingDirectory(before: position)
      else { continue }
      let updatesHere = script.commands.contains { $0.isAptUpdate }
      var firstDownload: [String: Int] = [:]
      for download in script.downloads(in: directory) where firstDownload[download.path] == nil {
        firstDownload[download.path] = download.index
      }
      for index in script.positions(of: "rm") {
        for (word, target) in script.commands[index].pathOperands(in: directory) {
          var path = target
          while path.hasSuffix("/*") { path.removeLast(2) }
          // Deleting what this RUN downloaded itself (a rebuild fetching the same name again).
          if let first = firstDownload[path], first < index { continue }
          if Paths.isWithin(path, "/var/lib/apt/lists")
            || Paths.isWithin("/var/lib/apt/lists", path) && path != "/"
          {
            if let layer = listsLayer, !updatesHere {
              findings.append(
                finding(
                  word.range,
                  "the package lists were written by `apt-get update` in the layer of line \(layer.line); "
                    + "deleting them here leaves those bytes in the image",
                  help: "remove them in the same RUN as `apt-get update`",
                  related: [
                    RelatedLocation(
                      range: layer.update,
                      message: "`apt-get update` writes the lists in this layer")
                  ]))
            }
            continue
          }
          if let (folder, layer) = cacheLayers.first(where: {
            Paths.isWithin(path, $0.key) || Paths.isWithin($0.key, path) && path != "/"
          }), Self.cacheWriter(in: script, folder: folder) == nil {
            findings.append(
              finding(
                word.range,
                "the package cache in `\(folder)` was written by `\(layer.command)` in the layer of "
                  + "line \(layer.line); deleting it here leaves those bytes in the image",
                help: "delete it in the same RUN as the install, or let the package manager keep "
                  + "no cache (`apk add --no-cache`, `dnf clean all` in that RUN)",
                related: [
                  RelatedLocation(range: layer.range, message: "the cache is written in this layer")
                ]))
            continue
          }
          guard let origin = origin(of: path, before: position, in: file.addedPaths) else {
            continue
          }
          findings.append(
            finding(
              word.range,
              "`\(word.value)` was added by the \(origin.what) on line \(origin.line); deleting it "
                + "in a later layer does not remove its bytes from the image",
              help: "do not add it in the first place (.dockerignore, a narrower COPY), or "
                + "download, use and delete it within one RUN",
              related: [
                RelatedLocation(
                  range: origin.range,
                  message: origin.what == "download"
                    ? "downloaded here, in an earlier layer" : "added here, in an earlier layer")
              ]))
        }
      }
      for folder in Self.cacheFolders.keys {
        guard let writer = Self.cacheWriter(in: script, folder: folder) else { continue }
        if script.removes(folder) || file.instructions[position].hasCacheMount(covering: folder) {
          continue
        }
        cacheLayers[folder] = (
          file.instructions[position].startLine, "\(writer.program) \(writer.verb)", writer.range
        )
      }
      if updatesHere, !script.removesAptLists,
        !file.instructions[position].hasCacheMount(covering: "/var/lib/apt/lists")
      {
        let update = script.commands.first { $0.isAptUpdate }
        listsLayer = (
          file.instructions[position].startLine,
          update?.name?.range ?? file.instructions[position].keywordRange
        )
      }
    }
  }

  /// Package caches a command leaves unless told otherwise, and the option or clean-up command
  /// that prevents it.
  static let cacheFolders: [String: (programs: Set<String>, verbs: Set<String>)] = [
    "/var/cache/apk": (["apk"], ["add", "update", "upgrade"]),
    "/var/cache/dnf": (["dnf", "microdnf"], ["install", "update", "upgrade", "makecache"]),
    "/var/cache/yum": (["yum"], ["install", "update", "upgrade", "makecache"]),
  ]

  /// The command of `script` that writes the package cache in `folder` (apk without
  /// `--no-cache`; dnf or yum not followed by `clean all`), nil when none does.
  static func cacheWriter(in script: ShellScript, folder: String) -> (
    program: String, verb: String, range: SourceRange
  )? {
    guard let (programs, verbs) = cacheFolders[folder] else { return nil }
    for (index, command) in script.commands.enumerated() where programs.contains(command.program) {
      let arguments = command.parsedArguments
      guard let verb = arguments.subcommand, verbs.contains(verb.value) else { continue }
      if command.program == "apk", arguments.has("--no-cache") { continue }
      if command.program != "apk",
        script.commands[(index + 1)...].contains(where: {
          programs.contains($0.program) && $0.parsedArguments.subcommand?.value == "clean"
        })
      {
        continue
      }
      return (command.program, verb.value, command.name?.range ?? verb.range)
    }
    return nil
  }

  /// The layer that added `path`: the file itself, or a whole build context copied into its
  /// parent when `path` is that context's `.git`.
  func origin(of path: String, before position: Int, in added: AddedPathIndex) -> AddedPath? {
    let exact = added.last(at: path, before: position)
    let context =
      Paths.baseName(path) == ".git"
      ? added.last(at: Paths.parent(of: path), before: position, where: \.isWholeContext) : nil
    return [exact, context].compactMap { $0 }.max { $0.index < $1.index }?.path
  }
}
