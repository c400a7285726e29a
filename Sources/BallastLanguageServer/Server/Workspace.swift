import DockerfileSemantics
import LintEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Plain POSIX reads (no Foundation, so start-up stays small): the configuration files and
/// the build context. The server never writes; fixes go back to the editor as edits.
struct DiskFileSystem: ContextFileSystem {
  func kind(of path: String) -> ContextFileKind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file(bytes: Int(info.st_size))
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  func names(in folder: String) -> [String]? {
    guard let directory = opendir(folder) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  func read(_ path: String, limit: Int) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while bytes.count < limit {
      let got = chunk.withUnsafeMutableBytes {
        Glibc.read(descriptor, $0.baseAddress, min($0.count, limit - bytes.count))
      }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { return got == 0 ? bytes : nil }
      bytes += chunk[0..<got]
    }
    return bytes
  }
}

/// Remembers what was read until `clear()`: the build context is loaded again for every
/// version of a document (what it reads depends on the COPY lines), and keystrokes must not
/// walk the disk. Cleared when a watched file changes or a document is saved. Used from the
/// server's one thread only.
final class CachingFileSystem: ContextFileSystem, @unchecked Sendable {
  let base: any ContextFileSystem
  private var kinds: [String: ContextFileKind?] = [:]
  private var listings: [String: [String]?] = [:]
  private var contents: [String: [UInt8]?] = [:]

  init(_ base: any ContextFileSystem) { self.base = base }

  func clear() {
    kinds.removeAll()
    listings.removeAll()
    contents.removeAll()
  }

  func kind(of path: String) -> ContextFileKind? {
    if let known = kinds[path] { return known }
    let kind = base.kind(of: path)
    kinds[path] = .some(kind)
    return kind
  }

  func names(in folder: String) -> [String]? {
    if let known = listings[folder] { return known }
    let names = base.names(in: folder)
    listings[folder] = .some(names)
    return names
  }

  func read(_ path: String, limit: Int) -> [UInt8]? {
    let key = "\(limit):" + path
    if let known = contents[key] { return known }
    let bytes = base.read(path, limit: limit)
    contents[key] = .some(bytes)
    return bytes
  }
}

/// The configuration and build context for a document's folder: the nearest `.ballast.json`
/// (or the settings' `configPath`), then the settings on top; cached per folder until a
/// watched file changes or a document is saved.
struct Workspace: Sendable {
  struct Resolved: Sendable {
    var configuration: Configuration
    /// The configuration file used, if any.
    var configPath: String?
    var error: ConfigurationError?
  }

  let files: CachingFileSystem
  var catalog: RuleCatalog
  var settings = ServerSettings()
  /// Bumped on every change that can alter findings, so cached analyses know they are stale.
  private(set) var generation = 0
  private var cache: [String: Resolved] = [:]

  static let maximumConfigurationSize = 4 * 1_048_576

  init(fileSystem: any ContextFileSystem, catalog: RuleCatalog) {
    files = CachingFileSystem(fileSystem)
    self.catalog = catalog
  }

  mutating func invalidate() {
    cache.removeAll()
    files.clear()
    generation += 1
  }

  mutating func update(_ settings: ServerSettings) {
    guard settings != self.settings else { return }
    self.settings = settings
    invalidate()
  }

  func read(_ path: String) -> [UInt8]? { files.read(path, limit: Self.maximumConfigurationSize) }

  /// For a document at `path` (nil: no folder, as for `untitled:` documents).
  mutating func resolve(forDocumentAt path: String?) -> Resolved {
    let folder = path.map(Self.folder(of:)) ?? ""
    if let cached = cache[folder] { return cached }
    var configuration = Configuration()
    var configPath: String?
    var error: ConfigurationError?
    do {
      if let explicit = settings.configPath {
        configPath = explicit
        try load(explicit, into: &configuration)
      } else if settings.useConfigFiles, !folder.isEmpty, let found = findConfig(from: folder) {
        configPath = found
        try load(found, into: &configuration)
      }
    } catch let problem {
      // A broken file is reported; the document is still linted with the defaults.
      error = problem
      configuration = Configuration()
    }
    do {
      try settings.apply(to: &configuration, catalog: catalog)
    } catch let problem {
      error = error ?? problem
    }
    let resolved = Resolved(configuration: configuration, configPath: configPath, error: error)
    cache[folder] = resolved
    return resolved
  }

  /// The build context of the document at `path` as the CLI reads it (the nearest folder
  /// holding the COPY sources, its `.dockerignore`, the files COPY brings in), from the cache.
  func context(for file: AnalyzedDockerfile, at path: String?) -> BuildContext {
    guard let path, settings.readsContext else { return BuildContext() }
    return BuildContextLoader(fileSystem: files).load(
      for: file, dockerfilePath: path, root: settings.contextRoot)
  }

  private func load(_ path: String, into configuration: inout Configuration)
    throws(ConfigurationError)
  {
    guard let bytes = read(path) else {
      throw ConfigurationError(path: path, message: "cannot read the configuration file")
    }
    try ConfigurationFile.load(
      String(decoding: bytes, as: UTF8.self), path: path, catalog: catalog, into: &configuration)
  }

  private func findConfig(from folder: String) -> String? {
    var current = folder
    for _ in 0..<64 {
      let candidate = (current == "/" ? "" : current) + "/" + ConfigurationFile.fileName
      if case .file = files.kind(of: candidate) { return candidate }
      let parent = Self.folder(of: current)
      if parent == current { return nil }
      current = parent
    }
    return nil
  }

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }
}
