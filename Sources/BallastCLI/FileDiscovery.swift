import DockerfileSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Finds Dockerfiles under directories without following symbolic links to directories,
/// so link loops cannot trap the walk.
enum FileDiscovery {
  /// Folders that hold tools' caches and dependencies, never the project's Dockerfiles.
  static let skippedFolders: Set<String> = [
    ".git", ".hg", ".svn", "node_modules", ".build", ".swiftpm", ".venv", "venv",
    "__pycache__", ".tox", ".terraform", ".gradle", ".idea", ".cache",
  ]

  /// Whether anything (even a dangling link) is at `path`.
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Dockerfiles under `root`, sorted, and the folders that could not be read (a finding
  /// there would otherwise be missed without a word).
  static func dockerfiles(under root: String) -> (
    files: [String], unreadable: [(folder: String, error: ReadError)]
  ) {
    var found: [String] = []
    var unreadable: [(folder: String, error: ReadError)] = []
    var pending = [root]
    while let folder = pending.popLast() {
      guard let directory = opendir(folder) else {
        unreadable.append((folder, FileSystem.readError(errno)))
        continue
      }
      defer { closedir(directory) }
      while let entry = readdir(directory) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name == "." || name == ".." { continue }
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        var info = stat()
        guard lstat(path, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
          if !skippedFolders.contains(name) { pending.append(path) }
        case S_IFREG, S_IFLNK:
          if DockerfileName.matches(name) { found.append(path) }
        default:
          break
        }
      }
    }
    return (found.sorted(), unreadable.sorted { $0.folder < $1.folder })
  }

  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// The folder part of a path (`.` for a bare file name).
  static func folder(of path: String) -> String {
    guard let folder = path.prefix(beforeLast: UInt8(ascii: "/")) else { return "." }
    return folder.isEmpty ? "/" : String(folder)
  }
}
