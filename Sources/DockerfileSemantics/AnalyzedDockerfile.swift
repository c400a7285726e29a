import DockerfileSyntax

/// The one value rules read: the syntax tree plus stages, global ARGs and variable scopes,
/// computed once per file.
public struct AnalyzedDockerfile: Sendable {
  public let syntax: Dockerfile
  public var source: SourceFile { syntax.source }
  public var instructions: [Instruction] { syntax.instructions }
  /// ARGs declared before the first FROM, with their defaults (nil when none).
  public let globalArguments: [String: String?]
  public let stages: [Stage]
  /// Facts about the build context (`.dockerignore`, copied files, bake and compose
  /// definitions), read by the caller at the edge; empty when linting standard input.
  public internal(set) var context: BuildContext
  /// The shell commands of each RUN, by instruction position (one entry per instruction,
  /// nil for the others).
  public let scripts: [ShellScript?]
  /// Stage index of each instruction position (nil before the first FROM).
  private let stageOfPosition: [Int?]
  private let stageByName: [String: Int]
  /// The userland (GNU, BusyBox, Windows …) of each stage's root image, by stage index:
  /// rules ask it per instruction.
  let stageUserlands: [ImageUserland]
  /// True for a dev container's Dockerfile (`.devcontainer/`, `.codesandbox/`, `.gitpod/`,
  /// `.gitpod.Dockerfile`): an editor's workspace that never ships. Decided once, by path.
  public let isDevelopmentContainer: Bool
  /// True for an image built to test or develop the project rather than to ship
  /// (`isTestOrDevelopmentImage(path:isDevelopmentContainer:finalStage:)`). Decided once: the
  /// path test cost 50 k instructions, and rules ask it several times per file.
  public let isTestOrDevelopmentImage: Bool
  /// The registry packages each RUN installs with a system package manager (apt, apk, dnf …),
  /// by instruction position: read once, asked by several rules per instruction.
  public let installedSystemPackages: [[String]]
  let scopes: ScopeTables
  /// What the final image's layers add (COPY/ADD destinations, downloads), indexed by path.
  public private(set) var addedPaths = AddedPathIndex([])
  /// COPY and ADD instructions of every stage that read the build context, in file order;
  /// computed once, because rules ask about them per finding.
  public private(set) var contextCopies = ContextCopies([])
  /// `verificationSettings(at:ships:)` of every instruction, for `ships` false.
  private(set) var verificationTable: [[VerificationSetting]] = []
  /// Credentials written anywhere in the file (instructions, heredocs, comments), found by
  /// their value; output masks them.
  public let secrets: [SecretValue]
  /// The stages whose layers end up in the final image: the final stage and the stages it
  /// is built `FROM`, oldest first. Build stages only copied from are not among them.
  public let finalImageStages: [Stage]
  /// Instruction positions of the final image's layers, in build order.
  public let finalImagePositions: [Int]

  /// `target` names the stage built as the image (`docker build --target`); nil, or a name
  /// no stage has, means the last stage.
  public init(_ syntax: Dockerfile, context: BuildContext = BuildContext(), target: String? = nil) {
    self.syntax = syntax
    self.context = context
    isDevelopmentContainer = Self.isDevelopmentContainer(path: syntax.source.path)
    var globals: [String: String?] = [:]
    for instruction in syntax.instructions {
      if instruction.kind == .from { break }
      // A default may use the global ARGs declared above it (`ARG IMAGE=$REGISTRY/app`).
      let before = globals
      let declared = Self.declarations(
        instruction, escape: syntax.escapeCharacter, lookup: { before[$0] ?? nil })
      for declaration in declared { globals[declaration.name] = declaration.value }
    }
    globalArguments = globals
    let known = globals.compactMapValues { $0 }
    // The one place the final stage is decided; every final-image question follows it.
    let targeted = target?.lowercased()
    let built = StageGraphBuilder.stages(
      syntax.instructions, globals: known, escape: syntax.escapeCharacter,
      final: { stages in
        targeted.flatMap { name in stages.lastIndex { $0.name == name } } ?? stages.indices.last
      })
    stages = built
    finalImageStages = built.last { $0.isFinal }.map { $0.chain(in: built).reversed() } ?? []
    finalImagePositions = finalImageStages.flatMap { Array($0.instructionIndices) }
    targetFound = targeted.map { name in built.contains { $0.name == name } } ?? true
    var owner: [Int?] = Array(repeating: nil, count: syntax.instructions.count)
    var names: [String: Int] = [:]
    for stage in stages {
      owner[stage.instructionIndices.lowerBound - 1] = stage.index
      for position in stage.instructionIndices { owner[position] = stage.index }
      if let name = stage.name, names[name] == nil { names[name] = stage.index }
    }
    stageOfPosition = owner
    stageByName = names
    stageUserlands = built.map { stage in
      stage.rootImage(in: built).map(BaseImageKnowledge.userland(of:)) ?? .unknown
    }
    scripts = syntax.instructions.map { $0.kind == .run ? RunScripts.script(for: $0) : nil }
    installedSystemPackages = scripts.map { script in
      script?.commands.flatMap { PackageManagers.installedPackages($0) ?? [] } ?? []
    }
    scopes = ScopeTables(
      instructions: syntax.instructions, stages: stages, globalArguments: globals,
      escape: syntax.escapeCharacter)
    // A plain loop: the lazy chain it replaces cost 2.4 M instructions of generic metadata
    // set-up at run time, more than linting a small file.
    var passwords: [SecretValue] = []
    for case let script? in scripts {
      for password in script.accountPasswords {
        if let secret = password.secret { passwords.append(secret) }
      }
    }
    secrets =
      SecretScanner.scan(
        syntax.source.bytes, escape: syntax.escapeCharacter.asciiValue ?? UInt8(ascii: "\\"))
      + passwords
    isTestOrDevelopmentImage = Self.isTestOrDevelopmentImage(
      path: syntax.source.path, isDevelopmentContainer: isDevelopmentContainer,
      finalStage: stages.last { $0.isFinal })
    addedPaths = AddedPathIndex(Self.addedPaths(in: self))
    contextCopies = ContextCopies(Self.contextCopies(in: self))
    verificationTable = Self.verificationTable(of: self)
  }

  /// The stage built as the image: the last one, or the `target` given.
  public var finalStage: Stage? { stages.last { $0.isFinal } }
  /// False when a target stage was asked for and no stage has that name.
  public let targetFound: Bool

  /// The position of the instruction whose range contains `range` (binary search: the
  /// instructions are in file order and do not overlap).
  public func position(containing range: SourceRange) -> Int? {
    let instructions = syntax.instructions
    var low = 0
    var high = instructions.count
    while low < high {
      let middle = (low + high) / 2
      if instructions[middle].range.start <= range.start { low = middle + 1 } else { high = middle }
    }
    guard low > 0, instructions[low - 1].range.contains(range) else { return nil }
    return low - 1
  }

  /// The stage an instruction belongs to (nil before the first FROM).
  public func stage(containing position: Int) -> Stage? {
    guard position >= 0, position < stageOfPosition.count, let index = stageOfPosition[position]
    else {
      return nil
    }
    return stages[index]
  }

  /// The stage a `--from=` value names: a stage name (any case) or an earlier stage's index.
  public func stage(named reference: String) -> Stage? {
    if let index = stageByName[reference.lowercased()] { return stages[index] }
    if let number = Int(reference), number >= 0, number < stages.count { return stages[number] }
    return nil
  }

  /// One name an ARG instruction declares.
  public struct ArgumentDeclaration: Sendable {
    public var name: String
    public var hasDefault: Bool
    /// The default, expanded; nil when there is none or it uses a variable with no known value.
    public var value: String?
  }

  /// The names and defaults of an ARG instruction. Defaults are expanded with `lookup`, the
  /// values in force before the instruction (all names of one ARG see the same ones).
  public static func declarations(
    _ instruction: Instruction, escape: Character = "\\",
    lookup: (String) -> String? = { _ in nil }
  ) -> [ArgumentDeclaration] {
    guard instruction.kind == .arg, case .declarations(let words) = instruction.arguments else {
      return []
    }
    return words.map { word in
      guard let equals = word.text.firstIndex(of: "=") else {
        return ArgumentDeclaration(name: word.text, hasDefault: false, value: nil)
      }
      let text = String(word.text[word.text.index(after: equals)...])
      return ArgumentDeclaration(
        name: String(word.text[..<equals]), hasDefault: true,
        value: VariableExpander(for: text, escape: escape, lookup: lookup).expand(text))
    }
  }

  /// Variables with known values in force just before the instruction at `position`:
  /// ARGs (stage-local, or global ones re-declared in the stage) and ENVs of the stage and of
  /// the stages it builds on.
  public func variables(before position: Int) -> VariableScope {
    VariableScope(tables: scopes, stage: stage(containing: position)?.index, position: position)
  }

  /// `text` with the variables in force before `position` substituted (quotes removed, as
  /// the builder does for USER, WORKDIR …); nil when it uses a variable with no known value.
  public func expand(_ text: String, before position: Int) -> String? {
    let scope = variables(before: position)
    return VariableExpander(for: text, escape: syntax.escapeCharacter) { scope[$0] }.expand(text)
  }
}
