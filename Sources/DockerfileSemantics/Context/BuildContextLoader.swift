import DockerfileSyntax

/// What a context reader can ask of the file system. The command line implements it with
/// POSIX calls; tests with a dictionary. Paths are as the caller gave them, joined with `/`.
public protocol ContextFileSystem: Sendable {
  /// What is at `path`, without following a final symbolic link; nil when nothing is.
  func kind(of path: String) -> ContextFileKind?
  /// The names inside a folder (without `.` and `..`); nil when it cannot be read.
  func names(in folder: String) -> [String]?
  /// The first `limit` bytes of a regular file; nil when it cannot be read.
  func read(_ path: String, limit: Int) -> [UInt8]?
  /// Whether every name in `folder` is a Dockerfile's (holds `dockerfile` or `containerfile`
  /// in any case). A file system that lives for one run may remember the answer: a folder of
  /// thousands of Dockerfiles is asked once per Dockerfile.
  func holdsOnlyDockerfiles(_ folder: String) -> Bool
}

extension ContextFileSystem {
  public func holdsOnlyDockerfiles(_ folder: String) -> Bool {
    (names(in: folder) ?? []).allSatisfy(BuildContextLoader.isDockerfileName)
  }
}

public enum ContextFileKind: Sendable, Hashable {
  case file(bytes: Int)
  case directory
  /// Symbolic links and special files are sent as themselves, with no contents to weigh.
  case other
}

/// Reads, once per Dockerfile, what the rules may need from its build context.
public struct BuildContextLoader: Sendable {
  public let fileSystem: any ContextFileSystem
  /// Entries read per context at most; past it the listing is marked incomplete.
  public var maximumEntries = 50_000
  /// Largest file whose text is read (scripts, package.json).
  public var maximumFileSize = 256 * 1024
  /// How many folders above the Dockerfile's are tried as the context.
  public var maximumAncestors = 4

  public init(fileSystem: any ContextFileSystem) {
    self.fileSystem = fileSystem
  }

  /// The context of `file`, read from `dockerfilePath`'s surroundings. `root` is `--context`
  /// when given; otherwise `definitionRoot` (from bake or compose), otherwise the nearest folder
  /// from the Dockerfile's own upwards (to the repository root) in which the literal COPY
  /// sources exist, otherwise the Dockerfile's folder.
  public func load(
    for file: AnalyzedDockerfile, dockerfilePath: String, root: String? = nil,
    definition: BuildDefinition? = nil
  ) -> BuildContext {
    let folder = Self.folder(of: dockerfilePath)
    let copies = file.contextCopies
    var context = BuildContext()
    if let definition {
      context.namedContexts = definition.namedContexts
      context.buildArguments = definition.buildArguments
    }
    if let root {
      context.origin = .commandLine
      context.root = root
    } else if let definition, let definitionRoot = definition.contextRoot {
      context.origin = .buildDefinition(file: definition.file)
      context.root = definitionRoot
    } else {
      context.origin = .inferred
      context.root = inferRoot(folder: folder, copies: copies)
    }
    guard let rootFolder = context.root, fileSystem.kind(of: rootFolder) == .directory else {
      return BuildContext(
        namedContexts: context.namedContexts, buildArguments: context.buildArguments)
    }
    context.ignoreFile = ignoreFile(
      dockerfile: dockerfilePath, folder: folder, root: rootFolder)
    var reader = ListingReader(
      fileSystem: fileSystem, root: rootFolder, rules: context.dockerignore,
      limit: maximumEntries)
    for copy in copies {
      for source in copy.sources {
        guard let source else { continue }
        reader.read(source)
      }
    }
    let listing = reader.listing()
    context.listing = listing
    context.files = interestingFiles(file, copies: copies, listing: listing, root: rootFolder)
    return context
  }

  static func folder(of path: String) -> String {
    guard let folder = path.prefix(beforeLast: UInt8(ascii: "/")) else { return "." }
    return folder.isEmpty ? "/" : String(folder)
  }

  static func join(_ folder: String, _ name: String) -> String {
    if name == "." || name.isEmpty { return folder }
    return folder == "/" ? "/" + name : folder + "/" + name
  }

  /// The Dockerfile's folder or one above it (up to the folder holding `.git`): the first in
  /// which most literal COPY sources exist. nil when none of them exists anywhere (the
  /// Dockerfile was taken out of its project, or its sources are generated first), or when the
  /// Dockerfile's folder holds nothing but Dockerfiles: then the context is elsewhere.
  func inferRoot(folder: String, copies: ContextCopies) -> String? {
    let literal = copies.flatMap(\.sources).compactMap { $0 }.filter {
      $0 != "." && !$0.contains("*") && !$0.contains("?") && !$0.contains("[")
    }
    guard !literal.isEmpty else {
      return !copies.isEmpty && fileSystem.holdsOnlyDockerfiles(folder) ? nil : folder
    }
    var best = (folder: folder, found: -1)
    var candidate = folder
    for _ in 0...maximumAncestors {
      let found = literal.filter { fileSystem.kind(of: Self.join(candidate, $0)) != nil }.count
      if found > best.found { best = (candidate, found) }
      if found == literal.count { break }
      if fileSystem.kind(of: Self.join(candidate, ".git")) != nil { break }
      let parent = Self.parent(of: candidate)
      guard let parent else { break }
      candidate = parent
    }
    return best.found > 0 ? best.folder : nil
  }

  /// True for a Dockerfile's name: it holds `dockerfile` or `containerfile` in any case.
  public static func isDockerfileName(_ name: String) -> Bool {
    contains(name, "dockerfile") || contains(name, "containerfile")
  }

  /// True when `name` holds `word` (lower-case ASCII) in any case, compared byte by byte
  /// without copies.
  static func contains(_ name: String, _ word: StaticString) -> Bool {
    var name = name
    return name.withUTF8 { bytes in
      let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
      guard bytes.count >= needle.count else { return false }
      for start in 0...(bytes.count - needle.count) {
        var index = 0
        while index < needle.count, bytes[start + index] | 0x20 == needle[index] { index += 1 }
        if index == needle.count { return true }
      }
      return false
    }
  }

  /// `dir/..` lexically for relative paths, `..` above the current folder; nil at `/`.
  static func parent(of folder: String) -> String? {
    if folder == "/" { return nil }
    if folder == "." { return ".." }
    if folder == ".." || folder.hasSuffix("/..") { return folder + "/.." }
    let parent = Self.folder(of: folder)
    return parent
  }

  /// BuildKit reads `<Dockerfile name>.dockerignore` beside the Dockerfile first, then
  /// `.dockerignore` at the context root.
  func ignoreFile(dockerfile: String, folder: String, root: String) -> BuildContext.IgnoreFile {
    let name = String(dockerfile.parts(separatedBy: UInt8(ascii: "/")).last ?? "Dockerfile")
    for candidate in [Self.join(folder, name + ".dockerignore"), Self.join(root, ".dockerignore")] {
      switch fileSystem.kind(of: candidate) {
      case .file:
        guard let bytes = fileSystem.read(candidate, limit: 4 * 1_048_576) else { return .unknown }
        return .present(path: candidate, DockerIgnore(String(decoding: bytes, as: UTF8.self)))
      case .directory, .other:
        return .unknown
      case nil:
        continue
      }
    }
    return .absent
  }

  /// Scripts that RUN instructions execute and `package.json` files where npm installs, when
  /// a COPY brought them from the context.
  func interestingFiles(
    _ file: AnalyzedDockerfile, copies: ContextCopies, listing: ContextListing, root: String
  ) -> [String: String] {
    var wanted: Set<String> = []
    for stage in file.stages {
      for position in stage.instructionIndices {
        guard let script = file.scripts[position],
          let directory = file.workingDirectory(before: position)
        else { continue }
        for command in script.commands {
          var imagePaths: [String] = []
          if let word = command.executedScript, word.isLiteral {
            imagePaths.append(Paths.resolve(word.value, in: directory))
          }
          if ["npm", "yarn", "pnpm"].contains(command.program) {
            imagePaths.append(Paths.resolve("package.json", in: directory))
          }
          for imagePath in imagePaths {
            if let path = file.contextPath(
              ofImagePath: imagePath, before: position, inStage: stage.index, listing: listing,
              copies: copies)
            {
              wanted.insert(path)
            }
          }
        }
      }
    }
    var files: [String: String] = [:]
    for path in wanted.sorted().prefix(64) {
      guard let entry = listing.entry(path), !entry.isDirectory, entry.bytes <= maximumFileSize,
        let bytes = fileSystem.read(Self.join(root, path), limit: maximumFileSize)
      else { continue }
      files[path] = String(decoding: bytes, as: UTF8.self)
    }
    return files
  }
}

/// Walks the parts of a context that COPY sources name, applying the ignore file as BuildKit's
/// walker does, and sums sizes per folder.
struct ListingReader {
  let fileSystem: any ContextFileSystem
  let root: String
  let rules: DockerIgnore?
  let limit: Int
  private(set) var entries: [String: ContextListing.Entry] = [:]
  private(set) var isComplete = true
  private var walked: Set<String> = []

  init(fileSystem: any ContextFileSystem, root: String, rules: DockerIgnore?, limit: Int) {
    self.fileSystem = fileSystem
    self.root = root
    self.rules = rules?.isUsable == true ? rules : nil
    self.limit = limit
  }

  /// Reads what `source` names (a wildcard in its last component reads its folder).
  mutating func read(_ source: String) {
    var target = source
    if let last = target.parts(separatedBy: UInt8(ascii: "/")).last,
      last.contains(where: { "*?[".contains($0) })
    {
      target = String(target.dropLast(last.count)).trimmingTrailingSlashes()
      if target.contains(where: { "*?[".contains($0) }) { return }
      if target.isEmpty { target = "." }
    }
    // The walker's state for the folders leading to `target`.
    var state: DockerIgnore.WalkState?
    var prefix = ""
    let components =
      target == "." ? [] : target.parts(separatedBy: UInt8(ascii: "/")).map(String.init)
    for component in components.dropLast() {
      prefix = prefix.isEmpty ? component : prefix + "/" + component
      guard let rules else { break }
      let verdict = rules.verdict(for: prefix, isDirectory: true, parent: state)
      if verdict.isExcluded && verdict.skipsContents { return }
      state = verdict.state
    }
    if target == "." {
      walkChildren(of: "", state: nil)
    } else {
      _ = walk(target, state: state)
    }
  }

  /// Reads `path` and what is beneath; returns the bytes and files sent.
  @discardableResult
  private mutating func walk(_ path: String, state: DockerIgnore.WalkState?) -> (Int, Int) {
    if let existing = entries[path] { return (existing.bytes, existing.fileCount) }
    guard entries.count < limit else {
      isComplete = false
      return (0, 0)
    }
    guard let kind = fileSystem.kind(of: BuildContextLoader.join(root, path)) else { return (0, 0) }
    let isDirectory = kind == .directory
    let verdict = rules?.verdict(for: path, isDirectory: isDirectory, parent: state)
    if verdict?.isExcluded == true && (!isDirectory || verdict?.skipsContents == true) {
      return (0, 0)
    }
    switch kind {
    case .file(let bytes):
      entries[path] = ContextListing.Entry(path: path, isDirectory: false, bytes: bytes)
      return (bytes, 1)
    case .other:
      entries[path] = ContextListing.Entry(path: path, isDirectory: false, bytes: 0)
      return (0, 1)
    case .directory:
      let (bytes, count) = walkChildren(of: path, state: verdict?.state)
      // An excluded folder entered for its exceptions is sent only if something inside is.
      if verdict?.isExcluded != true || count > 0 {
        entries[path] = ContextListing.Entry(
          path: path, isDirectory: true, bytes: bytes, fileCount: count)
      }
      return (bytes, count)
    }
  }

  @discardableResult
  private mutating func walkChildren(of folder: String, state: DockerIgnore.WalkState?) -> (
    Int, Int
  ) {
    guard walked.insert(folder).inserted else { return (0, 0) }
    let names = fileSystem.names(in: folder.isEmpty ? root : BuildContextLoader.join(root, folder))
    var bytes = 0
    var count = 0
    for name in (names ?? []).sorted() {
      let (childBytes, childCount) = walk(folder.isEmpty ? name : folder + "/" + name, state: state)
      bytes += childBytes
      count += childCount
    }
    return (bytes, count)
  }

  func listing() -> ContextListing {
    ContextListing(Array(entries.values), isComplete: isComplete)
  }
}

extension String {
  fileprivate func trimmingTrailingSlashes() -> String {
    var result = self
    while result.hasSuffix("/") { result.removeLast() }
    return result
  }
}

/// What a bake or compose file says about building one Dockerfile.
public struct BuildDefinition: Sendable, Hashable {
  /// The bake or compose file, as displayed.
  public var file: String
  /// The context folder it gives, resolved against the file's folder; nil when it names none.
  public var contextRoot: String?
  public var namedContexts: [String: String]
  public var buildArguments: [String: String]

  public init(
    file: String, contextRoot: String? = nil, namedContexts: [String: String] = [:],
    buildArguments: [String: String] = [:]
  ) {
    self.file = file
    self.contextRoot = contextRoot
    self.namedContexts = namedContexts
    self.buildArguments = buildArguments
  }
}

/// A context file system held in memory, for tests and for editors' unsaved buffers.
public struct InMemoryContextFileSystem: ContextFileSystem {
  /// File contents by path (`ctx/app.py`); folders are implied by the paths.
  public var files: [String: [UInt8]]
  private var folders: [String: Set<String>] = [:]

  public init(_ files: [String: String]) {
    self.files = files.mapValues { Array($0.utf8) }
    for path in files.keys {
      var current = path
      while true {
        let parent = BuildContextLoader.folder(of: current)
        let name = String(current.parts(separatedBy: UInt8(ascii: "/")).last ?? "")
        folders[parent, default: []].insert(name)
        if parent == "." || parent == "/" || parent == current { break }
        current = parent
      }
    }
  }

  public func kind(of path: String) -> ContextFileKind? {
    let cleaned = GoPath.clean(path)
    if let bytes = files[cleaned] { return .file(bytes: bytes.count) }
    return folders[cleaned] != nil ? .directory : nil
  }

  public func names(in folder: String) -> [String]? {
    folders[GoPath.clean(folder)].map { Array($0) }
  }

  public func read(_ path: String, limit: Int) -> [UInt8]? {
    files[GoPath.clean(path)].map { Array($0.prefix(limit)) }
  }
}
