import DockerfileSyntax

/// One COPY or ADD whose sources come from the build context (no `--from`, no URL).
public struct ContextCopy: Sendable, Hashable {
  public var position: Int
  public var stage: Int
  /// Sources relative to the context root, cleaned (`.` for the whole context); nil for a
  /// source whose variables have no known value.
  public var sources: [String?]
  /// The source words, for ranges.
  public var words: [Word]
  /// The destination, absolute in the image; nil when unknown.
  public var destination: String?
  /// True when the destination is a folder the sources go into (a trailing `/`, several
  /// sources, or a wildcard).
  public var destinationIsFolder: Bool
}

/// The context copies of a file, with the copies indexed by destination so that the copy that
/// put a path in place is found without scanning every copy (once per finding, that was
/// quadratic: 10,000 `COPY . /app` + `chown -R a /app` never finished).
public struct ContextCopies: Sendable, RandomAccessCollection {
  private let all: [ContextCopy]
  /// Destination → indices in ``all``, ascending.
  private let byDestination: [String: [Int]]
  private let byPosition: [Int: Int]

  public init(_ copies: [ContextCopy]) {
    all = copies
    var index: [String: [Int]] = [:]
    var positions: [Int: Int] = [:]
    for (offset, copy) in copies.enumerated() {
      if let destination = copy.destination { index[destination, default: []].append(offset) }
      positions[copy.position] = offset
    }
    byDestination = index
    byPosition = positions
  }

  public var startIndex: Int { all.startIndex }
  public var endIndex: Int { all.endIndex }
  public subscript(position: Int) -> ContextCopy { all[position] }

  /// Indices of the copies whose destination is `path` or a folder above it, newest first:
  /// the only ones that can have put something at `path`. Lazy, because the search usually
  /// stops at the newest one.
  func candidates(for path: String, before position: Int) -> CandidateIterator {
    var lists: [ArraySlice<Int>] = []
    var current = path
    // Bounded: paths past PATH_MAX are unknown elsewhere in the model.
    for _ in 0..<Paths.maximumLength {
      if let indices = byDestination[current] {
        // Copies are in file order: keep those before `position` (binary search).
        var low = 0
        var high = indices.count
        while low < high {
          let middle = (low + high) / 2
          if all[indices[middle]].position < position { low = middle + 1 } else { high = middle }
        }
        if low > 0 { lists.append(indices[..<low]) }
      }
      guard current != "/", !current.isEmpty else { break }
      let parent = Paths.parent(of: current)
      guard parent != current else { break }
      current = parent
    }
    return CandidateIterator(lists: lists)
  }

  /// The copy that is the instruction at `position`, if it reads the context.
  public func copy(at position: Int) -> ContextCopy? {
    byPosition[position].map { all[$0] }
  }

  /// Merges ascending index lists, largest first (one list per folder above the path).
  struct CandidateIterator: Sequence, IteratorProtocol {
    var lists: [ArraySlice<Int>]

    mutating func next() -> Int? {
      let newest = lists.indices.max { (lists[$0].last ?? -1) < (lists[$1].last ?? -1) }
      guard let newest, lists[newest].last != nil else { return nil }
      return lists[newest].popLast()
    }
  }
}

extension AnalyzedDockerfile {
  static func contextCopies(in file: AnalyzedDockerfile) -> [ContextCopy] {
    var copies: [ContextCopy] = []
    let stages = file.stages
    let instructions = file.instructions
    let escape = file.syntax.escapeCharacter
    for stage in stages {
      for position in stage.instructionIndices {
        let instruction = instructions[position]
        guard instruction.kind == .copy || instruction.kind == .add,
          instruction.flag("from") == nil, let words = instruction.listWords, words.count >= 2
        else { continue }
        let scope = file.variables(before: position)
        let expand: (String) -> String? = { text in
          guard text.contains("$") else { return text }
          return VariableExpander(for: text, escape: escape) { scope[$0] }
            .expand(text)
        }
        let sourceWords = Array(words.dropLast())
        let sources: [String?] = sourceWords.map { word in
          guard let text = expand(word.text) else { return nil }
          // ADD of a URL or a git repository does not read the context.
          if instruction.kind == .add, text.includes("://") || text.hasPrefix("git@") {
            return nil
          }
          let relative = text.hasPrefix("/") ? String(text.drop { $0 == "/" }) : text
          let cleaned = GoPath.clean(relative)
          return cleaned.hasPrefix("..")
            ? GoPath.clean(String(cleaned.drop { $0 == "." || $0 == "/" })) : cleaned
        }
        if instruction.kind == .add, sources.allSatisfy({ $0 == nil }) { continue }
        let destinationText = words.last.flatMap { expand($0.text) }
        let destination = destinationText.flatMap { text in
          file.workingDirectory(before: position).map { Paths.resolve(text, in: $0) }
        }
        let isFolder =
          destinationText?.hasSuffix("/") == true || sourceWords.count > 1
          || sourceWords.contains { $0.text.contains("*") || $0.text.contains("?") }
        copies.append(
          ContextCopy(
            position: position, stage: stage.index, sources: sources, words: sourceWords,
            destination: destination, destinationIsFolder: isFolder))
      }
    }
    return copies
  }

  /// The context file that the last COPY/ADD of `stage`'s chain before `position` put at
  /// `imagePath`, given what the listing says is a folder. nil when no copy is known to have
  /// put it there.
  public func contextPath(
    ofImagePath imagePath: String, before position: Int, inStage stage: Int,
    listing: ContextListing?, copies: ContextCopies
  ) -> String? {
    let chain = Set(stages[stage].chain(in: stages).map(\.index))
    for candidate in copies.candidates(for: imagePath, before: position) {
      let copy = copies[candidate]
      // Candidates are copies before `position` with a destination; only the stage matters.
      guard chain.contains(copy.stage), let destination = copy.destination else { continue }
      for source in copy.sources.reversed() {
        guard let source else { continue }
        // Without a listing a source may be a file or a folder; both are tried.
        let known = listing?.entry(source)
        if source != ".", known?.isDirectory != true, !source.contains("*"), !source.contains("?") {
          let target =
            copy.destinationIsFolder
            ? Paths.resolve(Paths.baseName(source), in: destination) : destination
          if target == imagePath { return source }
        }
        if source.contains("*") || source.contains("?") {
          // `COPY *.sh /scripts/`: a file whose name the last component matches.
          let name = Paths.baseName(imagePath)
          let folder = source.contains("/") ? Paths.parent(of: "/" + source).dropFirst() : ""
          if Paths.parent(of: imagePath) == destination, !Paths.baseName(source).isEmpty,
            GoPathPattern(Paths.baseName(source))?.matches(name) == true
          {
            return folder.isEmpty ? name : folder + "/" + name
          }
          continue
        }
        let mayBeFolder = source == "." || known?.isDirectory ?? (listing?.isComplete != true)
        if mayBeFolder, Paths.isWithin(imagePath, destination), imagePath != destination {
          // The folder's contents go into the destination.
          let rest = String(imagePath.dropFirst(destination == "/" ? 1 : destination.count + 1))
          return source == "." ? rest : source + "/" + rest
        }
        // The newest copy made `imagePath` itself a folder of several files: no single context
        // path is there, and older copies only add to that folder.
        if mayBeFolder, imagePath == destination { return nil }
      }
    }
    return nil
  }
}

extension ShellCommand {
  /// The script file this command runs, if it runs one: `./install.sh`, `/scripts/x.sh`,
  /// `sh x.sh`, `bash -e x.sh`, `. ./env.sh`, `source env.sh`. nil for programs found on PATH.
  public var executedScript: ShellWord? {
    let program = self.program
    if program == "." || program == "source" { return arguments.first }
    if ShellScript.shells.contains(program) {
      // `sh -c '…'` runs a string, not a file; `sh -s` reads standard input.
      guard
        !arguments.contains(where: {
          $0.value.hasPrefix("-") && ($0.value.contains("c") || $0.value.contains("s"))
            && !$0.value.hasPrefix("--")
        })
      else { return nil }
      return arguments.first { !$0.value.hasPrefix("-") }
    }
    guard let name, name.value.contains("/") else { return nil }
    return name
  }
}

/// A script file a RUN runs (`./install.sh`, `sh /scripts/cleanup.sh`), with its commands when
/// a COPY brought it from the build context and the context could be read.
public struct CalledScript: Sendable {
  /// Position of the calling command in the RUN's script.
  public var index: Int
  public var word: ShellWord
  /// The script's commands; nil when ballast cannot see them.
  public var script: ShellScript?
  /// The context file a COPY or ADD put at the script's path; nil when none did (the script
  /// came with a package or a download, or ballast cannot resolve its path).
  public var contextPath: String?

  /// True when the script came from the build context and ballast cannot read it: what it
  /// does is unknown.
  public var isUnseenContextScript: Bool { contextPath != nil && script == nil }
}

extension AnalyzedDockerfile {
  /// Programs in these folders come from packages, not from the build context.
  static let systemFolders = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"]

  /// The script files the RUN at `position` runs.
  public func calledScripts(at position: Int) -> [CalledScript] {
    guard let script = scripts[position], let stage = stage(containing: position) else {
      return []
    }
    let directory = workingDirectory(before: position) ?? "/"
    var called: [CalledScript] = []
    for (index, command) in script.commands.enumerated() {
      guard let word = command.executedScript else { continue }
      let isShellOperand = command.name?.value != word.value
      if !isShellOperand, Self.systemFolders.contains(where: { word.value.hasPrefix($0) }) {
        continue
      }
      var body: ShellScript?
      var origin: String?
      if word.isLiteral {
        let imagePath = Paths.resolve(word.value, in: directory)
        if let path = contextPath(
          ofImagePath: imagePath, before: position, inStage: stage.index,
          listing: context.listing, copies: contextCopies)
        {
          origin = path
          if let text = context.files[path] {
            let range = word.range
            body = ShellScript.parse(text, range: { _, _ in range })
          }
        }
      }
      called.append(CalledScript(index: index, word: word, script: body, contextPath: origin))
    }
    return called
  }
}
