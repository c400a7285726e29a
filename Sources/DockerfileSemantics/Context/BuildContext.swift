/// What ballast knows of the build context of one Dockerfile: the ignore file BuildKit would
/// use, the entries COPY and ADD name (with sizes), the text of the few files rules read
/// (scripts a RUN calls, `package.json`), and what bake or compose files say about the build.
///
/// Read once at the edge (the command line or the language server, through
/// `BuildContextLoader`) and handed to the rules as a value, so rules never touch the file
/// system. Every part has an "unknown" state: with standard input, or a context that cannot be
/// read, rules stay silent or word their message as a condition.
public struct BuildContext: Sendable {
  /// How the context folder was chosen.
  public enum Origin: Sendable, Hashable {
    /// No context: standard input, or the caller read nothing.
    case unknown
    /// `--context DIR`.
    case commandLine
    /// A bake or compose file that builds this Dockerfile names it.
    case buildDefinition(file: String)
    /// The nearest folder, from the Dockerfile's own upwards, holding what COPY names.
    case inferred
  }

  /// The ignore file BuildKit applies, if it was looked for.
  public enum IgnoreFile: Sendable, Hashable {
    /// Not looked for (no context): nothing may be claimed about it.
    case unknown
    /// Neither `<Dockerfile>.dockerignore` beside the Dockerfile nor `.dockerignore` at the
    /// context root exists.
    case absent
    /// The file that applies (`path` as displayed), with its patterns.
    case present(path: String, DockerIgnore)
  }

  public var origin: Origin
  /// The context folder as displayed; nil when unknown.
  public var root: String?
  public var ignoreFile: IgnoreFile
  /// The entries under the context root that COPY/ADD sources name, as BuildKit would send
  /// them (ignored entries left out); nil when not read.
  public var listing: ContextListing?
  /// Text of context files rules read, by context-relative path (`scripts/cleanup.sh`).
  public var files: [String: String]
  /// Named contexts from bake (`contexts`) or compose (`additional_contexts`): `FROM name` and
  /// `COPY --from=name` use them instead of an image or a stage.
  public var namedContexts: [String: String]
  /// Build arguments the bake or compose definition sets (`args`), overriding ARG defaults.
  public var buildArguments: [String: String]

  public init(
    origin: Origin = .unknown, root: String? = nil, ignoreFile: IgnoreFile = .unknown,
    listing: ContextListing? = nil, files: [String: String] = [:],
    namedContexts: [String: String] = [:], buildArguments: [String: String] = [:]
  ) {
    self.origin = origin
    self.root = root
    self.ignoreFile = ignoreFile
    self.listing = listing
    self.files = files
    self.namedContexts = namedContexts
    self.buildArguments = buildArguments
  }

  /// A known context with `.dockerignore` lines (nil: known to have none) and nothing else.
  public init(dockerignore lines: [String]?) {
    self.init(
      origin: .commandLine, root: ".",
      ignoreFile: lines.map {
        .present(path: ".dockerignore", DockerIgnore($0.joined(separator: "\n")))
      }
        ?? .absent)
  }

  /// True when a context folder was read.
  public var isKnown: Bool { origin != .unknown }

  /// The ignore rules that apply; nil when there are none or they are unknown.
  public var dockerignore: DockerIgnore? {
    if case .present(_, let rules) = ignoreFile { return rules }
    return nil
  }

  /// Whether BuildKit sends `path` (context-relative): false when the ignore file excludes it,
  /// true when nothing does, nil when ballast cannot tell (no context, or an ignore file it
  /// cannot follow).
  public func sends(_ path: String, isDirectory: Bool = false) -> Bool? {
    switch ignoreFile {
    case .unknown: return nil
    case .absent: return true
    case .present(_, let rules):
      guard rules.isUsable else { return nil }
      return !rules.excludes(path, isDirectory: isDirectory)
    }
  }
}

/// Entries of a build context as BuildKit would send them, with sizes.
public struct ContextListing: Sendable {
  public struct Entry: Sendable, Hashable {
    /// Relative to the context root, `/`-separated, no leading `./`.
    public var path: String
    public var isDirectory: Bool
    /// For a file its size; for a folder the total of the files sent beneath it.
    public var bytes: Int
    /// For a folder, the files sent beneath it; 1 for a file.
    public var fileCount: Int

    public init(path: String, isDirectory: Bool, bytes: Int, fileCount: Int = 1) {
      self.path = path
      self.isDirectory = isDirectory
      self.bytes = bytes
      self.fileCount = fileCount
    }
  }

  /// Sorted by path.
  public let entries: [Entry]
  /// False when reading stopped at its limit: sizes are lower bounds and a missing entry may
  /// exist.
  public let isComplete: Bool
  private let indexByPath: [String: Int]

  /// The whole context (the sum of its top-level entries), computed once.
  public let root: Entry

  public init(_ entries: [Entry], isComplete: Bool = true) {
    self.entries = entries.sorted { $0.path < $1.path }
    self.isComplete = isComplete
    var index: [String: Int] = [:]
    for (offset, entry) in self.entries.enumerated() { index[entry.path] = offset }
    indexByPath = index
    let top = self.entries.filter { !$0.path.contains("/") }
    root = Entry(
      path: ".", isDirectory: true, bytes: top.reduce(0) { $0 + $1.bytes },
      fileCount: top.reduce(0) { $0 + $1.fileCount })
  }

  public func entry(_ path: String) -> Entry? {
    let cleaned = GoPath.clean(path.hasPrefix("/") ? String(path.dropFirst()) : path)
    if cleaned == "." { return root }
    return indexByPath[cleaned].map { entries[$0] }
  }

  /// The entries directly inside `folder` (`.` for the root).
  public func children(of folder: String) -> [Entry] {
    let cleaned = GoPath.clean(folder)
    if cleaned == "." { return entries.filter { !$0.path.contains("/") } }
    let prefix = cleaned + "/"
    return entries.filter {
      $0.path.hasPrefix(prefix) && !$0.path.dropFirst(prefix.count).contains("/")
    }
  }
}

extension AnalyzedDockerfile {
  /// This analysis with the build context attached (the context is read after analysis,
  /// because what to read depends on the COPY instructions).
  public func attaching(_ context: BuildContext) -> AnalyzedDockerfile {
    var copy = self
    copy.context = context
    return copy
  }
}
