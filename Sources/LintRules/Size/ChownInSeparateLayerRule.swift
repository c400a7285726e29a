import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `RUN chown -R` / `chmod -R` over files a COPY put in place: every file is stored again.
struct ChownInSeparateLayerRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1008", name: "chown-in-separate-layer", severity: .warning,
    summary: "`chown`/`chmod -R` on copied files stores them all a second time in a new layer.",
    fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Dev containers, test and development images never ship: their size is not at stake.
    guard !file.isTestOrDevelopmentImage else { return }
    // Sizes only from a complete listing of the context.
    func copy(at position: Int) -> ContextCopy? {
      guard file.context.listing?.isComplete == true else { return nil }
      return file.contextCopies.copy(at: position)
    }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed,
        let directory = file.workingDirectory(before: position)
      else { continue }
      for command in script.commands where command.program == "chown" || command.program == "chmod"
      {
        let arguments = command.parsedArguments
        guard arguments.has("--recursive", "-R") else { continue }
        // The first operand is the owner or mode, unless `--reference=FILE` gives it.
        let targets = command.pathOperands(in: directory).dropFirst(
          arguments.has("--reference") ? 0 : 1)
        for (word, target) in targets {
          guard
            let origin = file.addedPaths.last(
              within: target, before: position, where: { $0.what != "download" })?.path
          else {
            continue
          }
          let stake = Stake(
            of: target, copiedBy: origin, before: position, in: file,
            copy: copy(at: origin.position))
          guard let phrase = stake.message else { continue }
          let flag = command.program == "chown" ? "--chown" : "--chmod"
          findings.append(
            finding(
              command.name?.range ?? word.range,
              "`\(command.program) -R` on `\(word.value)` \(phrase)",
              help: "set ownership or mode while copying: `\(origin.what) \(flag)=… …`",
              fix: fix(command, target: target, at: position, in: file),
              related: [RelatedLocation(range: origin.range, message: "the files are added here")]))
          break
        }
      }
    }
  }

  /// What re-owning `target` stores again: the bytes the COPY put there when the build
  /// context says, else a condition for one file and the COPY's whole size for a folder.
  struct Stake {
    /// Below this a second copy is not worth a warning.
    static let threshold = 1_000_000

    var isSingleFile: Bool
    var bytes: Int?
    var files: Int?
    var origin: AddedPath

    init(
      of target: String, copiedBy origin: AddedPath, before position: Int,
      in file: AnalyzedDockerfile, copy: ContextCopy?
    ) {
      self.origin = origin
      let exact = file.addedPaths.last(at: target, before: position)
      let latest = file.addedPaths.last(within: target, before: position)
      isSingleFile =
        exact != nil && exact?.index == latest?.index && exact?.path.isDirectory == false
      guard let copy, let listing = file.context.listing,
        let entries = Self.entries(of: copy, at: target, in: listing)
      else { return }
      bytes = entries.reduce(0) { $0 + $1.bytes }
      files = entries.reduce(0) { $0 + $1.fileCount }
      isSingleFile = entries.count == 1 && !entries[0].isDirectory
    }

    /// The context entries `copy` put at `target` or inside it: all of its sources when its
    /// destination lies within the target (`COPY app/ /app/`, `chown -R … /app`), else the one
    /// file or folder that landed at the target. nil when a source is unknown (a variable, a
    /// wildcard) or the context does not hold it.
    static func entries(of copy: ContextCopy, at target: String, in listing: ContextListing)
      -> [ContextListing.Entry]?
    {
      guard let destination = copy.destination else { return nil }
      if Paths.isWithin(destination, target) {
        let entries = copy.sources.map { $0.flatMap(listing.entry) }
        guard entries.allSatisfy({ $0 != nil }) else { return nil }
        return entries.compactMap { $0 }
      }
      guard Paths.isWithin(target, destination) else { return nil }
      let rest = String(target.dropFirst(destination == "/" ? 1 : destination.count + 1))
      for source in copy.sources.reversed() {
        guard let source, let entry = listing.entry(source) else { return nil }
        if entry.isDirectory {
          // A folder's contents go into the destination.
          if let inner = listing.entry(source == "." ? rest : source + "/" + rest) {
            return [inner]
          }
        } else if copy.destinationIsFolder, Paths.baseName(source) == rest {
          return [entry]
        }
      }
      return nil
    }

    /// The end of the message, or nil when what is at stake is too small to report.
    var message: String? {
      let copy = "the \(origin.what) on line \(origin.line)"
      if let bytes {
        guard bytes >= Self.threshold else { return nil }
        let size = ByteCount.describe(bytes)
        if isSingleFile {
          return "rewrites the file \(copy) added (\(size)); the new layer stores it a second time"
        }
        let count = files.map { " (\($0.grouped) \($0 == 1 ? "file" : "files"))" } ?? ""
        return
          "rewrites the \(size)\(count) \(copy) added; the new layer stores all of it a second time"
      }
      if isSingleFile {
        return
          "rewrites the file \(copy) added; if it is large, the new layer stores a second copy of it"
      }
      return
        "rewrites every file \(copy) added; the new layer stores them all a second time, as many bytes again as that \(origin.what)"
    }
  }

  /// `COPY --chown=owner` (`--chmod=mode`) on the COPY that added exactly the target, and the
  /// command (or the whole RUN) removed. Unsafe: COPY sets the owner of what it copies, while
  /// `chown -R` also changed the folder itself and whatever else it held.
  func fix(_ command: ShellCommand, target: String, at position: Int, in file: AnalyzedDockerfile)
    -> Fix?
  {
    guard let script = file.scripts[position], command.nesting == 0 else { return nil }
    let operands = command.arguments.filter { !$0.value.hasPrefix("-") }
    let options = command.arguments.filter { $0.value.hasPrefix("-") }
    guard operands.count == 2,
      options.allSatisfy({
        $0.value == "--recursive" || $0.value.wholeMatch(of: /-[Rfvc]*R[Rfvc]*/) != nil
      }),
      let value = operands.first, value.isLiteral
    else { return nil }
    let isChown = command.program == "chown"
    guard
      isChown
        ? value.value.wholeMatch(of: /[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?/)
          != nil
        : value.value.wholeMatch(of: /[0-7]{3,4}/) != nil
    else { return nil }
    // The COPY must be the last thing added inside the target, in this stage.
    guard let exact = file.addedPaths.last(at: target, before: position),
      let latest = file.addedPaths.last(within: target, before: position),
      exact.index == latest.index, exact.path.what != "download",
      file.stage(containing: exact.path.position)?.index == file.stage(containing: position)?.index
    else { return nil }
    let copy = file.instructions[exact.path.position]
    guard copy.kind == .copy || copy.kind == .add,
      copy.flag(isChown ? "chown" : "chmod") == nil
    else { return nil }
    let index = script.commands.firstIndex(of: command)
    let removal: Fix.Edit?
    if script.commands.count == 1 {
      removal = InstructionEdits.delete(file.instructions[position], in: file.source)
    } else {
      removal = index.flatMap { ShellEdits.remove($0, of: script, in: file) }
    }
    guard let removal else { return nil }
    let flag = (isChown ? "--chown=" : "--chmod=") + value.value
    return Fix(
      title: "set \(isChown ? "ownership" : "the mode") in the \(copy.keyword)",
      edits: [InstructionEdits.addFlag(flag, to: copy), removal], safety: .unsafe)
  }
}

extension Int {
  /// `1,200`: counts in messages, grouped by thousands.
  fileprivate var grouped: String {
    let digits = String(magnitude)
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text += "," }
      text.append(digit)
    }
    return (self < 0 ? "-" : "") + text
  }
}
