import DockerfileSemantics
import DockerfileSyntax

/// The complete file list of a final image built only from `scratch` by COPY/ADD, or nil
/// when it cannot be known (another base, variables, unknown sources).
struct ScratchFileSystem {
  /// Files known to exist.
  var files: Set<String> = []
  /// Folders whose contents are unknown (a copied folder or build context): anything below
  /// them may exist.
  var openFolders: [String] = []

  func mayContain(_ path: String) -> Bool {
    files.contains(path) || openFolders.contains { Paths.isWithin(path, $0) }
  }

  /// What the final image holds, if its base is `scratch`.
  static func of(_ file: AnalyzedDockerfile) -> ScratchFileSystem? {
    guard let base = file.finalBaseImage, base.isScratch else { return nil }
    var system = ScratchFileSystem()
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      switch instruction.kind {
      case .copy, .add:
        guard let directory = file.workingDirectory(before: position) else { return nil }
        guard let words = instruction.listWords else { return nil }
        guard let destination = words.last, words.count >= 2, !destination.text.contains("$") else {
          return nil
        }
        let target = Paths.resolve(destination.text, in: directory)
        let sources = words.dropLast().map(\.text)
        for source in sources {
          if source.contains("$") { return nil }
          let archive =
            instruction.kind == .add
            && AddInsteadOfCopyRule.archiveSuffixes.contains { source.lowercased().hasSuffix($0) }
          if destination.text.hasSuffix("/") || sources.count > 1 || archive {
            // A folder source copies its contents, an archive is unpacked: only the target
            // folder is known.
            system.openFolders.append(target)
            if !archive { system.files.insert(Paths.resolve(Paths.baseName(source), in: target)) }
          } else if source.contains("*") || source.contains("?") || source == "."
            || source.hasSuffix("/")
          {
            system.openFolders.append(target)
          } else {
            system.files.insert(target)
            system.openFolders.append(target)
          }
        }
      case .run:
        return nil
      default:
        break
      }
    }
    return system
  }
}
