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

extension AnalyzedDockerfile {
  /// COPY and ADD instructions of every stage that read the build context, in file order.
  public var contextCopies: [ContextCopy] {
    var copies: [ContextCopy] = []
    for stage in stages {
      for position in stage.instructionIndices {
        let instruction = instructions[position]
        guard instruction.kind == .copy || instruction.kind == .add,
          instruction.flag("from") == nil, let words = instruction.listWords, words.count >= 2
        else { continue }
        let scope = variables(before: position)
        let expand: (String) -> String? = { text in
          guard text.contains("$") else { return text }
          return VariableExpander(for: text, escape: self.syntax.escapeCharacter) { scope[$0] }
            .expand(text)
        }
        let sourceWords = Array(words.dropLast())
        let sources: [String?] = sourceWords.map { word in
          guard let text = expand(word.text) else { return nil }
          // ADD of a URL or a git repository does not read the context.
          if instruction.kind == .add, text.contains("://") || text.hasPrefix("git@") {
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
          workingDirectory(before: position).map { Paths.resolve(text, in: $0) }
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
    listing: ContextListing?, copies: [ContextCopy]
  ) -> String? {
    let chain = Set(stages[stage].chain(in: stages).map(\.index))
    for copy in copies.reversed() where copy.position < position && chain.contains(copy.stage) {
      guard let destination = copy.destination else { continue }
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
    var copies: [ContextCopy]?
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
        if copies == nil { copies = contextCopies }
        if let path = contextPath(
          ofImagePath: imagePath, before: position, inStage: stage.index,
          listing: context.listing, copies: copies ?? [])
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
