import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `rm` of files an earlier layer added: the bytes stay in that layer.
struct DeletedInLaterLayerRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1007", name: "deleted-in-later-layer", severity: .warning,
    summary: "A RUN deletes files an earlier layer added; the image does not get smaller.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
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
          // A deleted script or config file of a few KB is not worth a warning.
          let bytes = Self.bytes(of: path, addedBy: origin, in: file)
          if let bytes, bytes < ChownInSeparateLayerRule.Stake.threshold { continue }
          if bytes == nil, Self.looksSmall(path, addedBy: origin, in: file) { continue }
          let size = bytes.map { " (\(ByteCount.describe($0)))" } ?? ""
          findings.append(
            finding(
              word.range,
              "`\(word.value)` was added by the \(origin.what) on line \(origin.line)\(size); "
                + "deleting it in a later layer does not remove its bytes from the image",
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

  /// The bytes `origin` put at `path` when ballast can weigh them: the bodies of a COPY of
  /// here-documents, or the context's files when its listing is complete; nil otherwise.
  static func bytes(of path: String, addedBy origin: AddedPath, in file: AnalyzedDockerfile)
    -> Int?
  {
    let instruction = file.instructions[origin.position]
    guard origin.what != "download", instruction.flag("from") == nil else { return nil }
    if !instruction.heredocs.isEmpty, let words = instruction.listWords, words.count >= 2,
      words.dropLast().allSatisfy({ $0.text.hasPrefix("<<") })
    {
      return instruction.heredocs.reduce(0) { $0 + $1.effectiveContent.utf8.count }
    }
    guard let listing = file.context.listing, listing.isComplete,
      let copy = file.contextCopies.copy(at: origin.position),
      let entries = ChownInSeparateLayerRule.Stake.entries(of: copy, at: path, in: listing)
    else { return nil }
    return entries.reduce(0) { $0 + $1.bytes }
  }

  /// Kinds of files that are a few KB: scripts and configuration copied from the context.
  static let smallFileExtensions: Set<String> = [
    "sh", "bash", "ps1", "bat", "cmd", "py", "rb", "pl", "txt", "md", "conf", "cfg", "cnf",
    "ini", "yml", "yaml", "json", "toml", "xml", "properties", "env", "list", "repo",
  ]

  /// True when `path` is one file copied from the context whose name says it is a script or a
  /// configuration file (`/tmp/install.sh`, `requirements.txt`): its size is unknown without
  /// the context, but such files are a few KB.
  static func looksSmall(_ path: String, addedBy origin: AddedPath, in file: AnalyzedDockerfile)
    -> Bool
  {
    guard origin.what != "download", !origin.isDirectory, origin.path == path,
      !origin.isWholeContext, file.instructions[origin.position].flag("from") == nil,
      let dot = Paths.baseName(path).lastIndex(of: ".")
    else { return false }
    let name = Paths.baseName(path)
    return smallFileExtensions.contains(name[name.index(after: dot)...].lowercased())
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
