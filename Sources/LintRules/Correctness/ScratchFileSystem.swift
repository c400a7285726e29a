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
        let words: [Word]
        switch instruction.arguments {
        case .words(let list), .exec(let list): words = list
        default: return nil
        }
        guard let destination = words.last, words.count >= 2, !destination.text.contains("$") else {
          return nil
        }
        let target = Paths.resolve(destination.text, in: directory)
        let sources = words.dropLast().map(\.text)
        for source in sources {
          if source.contains("$") { return nil }
          let wildcard =
            source.contains("*") || source.contains("?") || source == "." || source.hasSuffix("/")
          if destination.text.hasSuffix("/") || sources.count > 1 {
            if wildcard {
              system.openFolders.append(target)
            } else {
              // A named source may be a folder: its contents land under target/name.
              let name = Paths.resolve(Paths.baseName(source), in: target)
              system.files.insert(name)
              system.openFolders.append(name)
            }
          } else if wildcard {
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
