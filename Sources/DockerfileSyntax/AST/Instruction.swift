/// Dockerfile instruction keywords; `unknown` keeps anything else as written.
public enum InstructionKind: String, Hashable, Sendable, CaseIterable {
  case add, arg, cmd, copy, entrypoint, env, expose, from, healthcheck, label, maintainer
  case onbuild, run, shell, stopsignal, user, volume, workdir
  case unknown

  public init(keyword: String) {
    self = InstructionKind(rawValue: keyword.lowercased()) ?? .unknown
  }

  /// Instructions whose shell-form argument may open here-documents.
  public var acceptsHeredocs: Bool { self == .run || self == .copy || self == .add }
}

/// The argument part of an instruction, in the shape BuildKit's parser gives it.
public enum Arguments: Hashable, Sendable {
  /// No arguments at all.
  case none
  /// JSON (exec) form: a valid JSON array of strings.
  case exec([Word])
  /// The rest of the line as one string: shell-form RUN/CMD/ENTRYPOINT/SHELL, and
  /// MAINTAINER/USER/WORKDIR/STOPSIGNAL.
  case text(Word)
  /// Whitespace-separated words: FROM, EXPOSE, and non-JSON ADD/COPY/VOLUME.
  case words([Word])
  /// ENV and LABEL pairs; `legacy` for the `ENV key value` form.
  case keyValues([KeyValuePair], legacy: Bool)
  /// ARG declarations, one word each (`name` or `name=default`).
  case declarations([Word])
  /// HEALTHCHECK: the type word (`CMD`, `NONE`) and the command after it.
  indirect case healthcheck(type: Word, command: Arguments)
  /// ONBUILD and the instruction it registers.
  indirect case trigger(Instruction)
  /// An unknown instruction: BuildKit ignores its arguments.
  case ignored

  /// True for the JSON (exec) form, looking through HEALTHCHECK and ONBUILD.
  public var isJSON: Bool {
    switch self {
    case .exec: return true
    case .healthcheck(_, let command): return command.isJSON
    case .trigger(let inner): return inner.arguments.isJSON
    default: return false
    }
  }
}

/// `key=value` in ENV or LABEL (the value keeps its quotes, as in BuildKit's AST).
public struct KeyValuePair: Hashable, Sendable {
  public var key: Word
  public var value: Word
  /// Range of `key=value` (or `key value` in the legacy form).
  public var range: SourceRange
}

/// One instruction with every part's source range.
public struct Instruction: Hashable, Sendable {
  /// The stored properties, behind one reference: rules and the semantic model copy
  /// instructions often, and a copy of the unboxed struct cost 7 reference counts and 200 bytes.
  private struct Fields: Hashable {
    var keyword: String
    var kind: InstructionKind
    var keywordRange: SourceRange
    var range: SourceRange
    var startLine: Int
    var endLine: Int
    var original: String
    var flags: [Flag]
    var arguments: Arguments
    var heredocs: [Heredoc]
    var textMap: TextMap
  }

  /// Shared between copies until one of them changes (copy on write). Written out again in
  /// `ShellCommand`: a generic box shared by both cost 28% more instructions (its
  /// class metadata was looked up on every copy).
  private final class Storage: @unchecked Sendable {
    // Written only through `unique`, when no other value shares it: the run-time exclusivity
    // check of a class property (4% of a corpus run) has nothing to catch.
    @exclusivity(unchecked) var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var storage: Storage

  /// The fields, copied first when another instruction shares them.
  private var unique: Fields {
    get { storage.fields }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
      yield &storage.fields
    }
  }

  init(
    keyword: String, kind: InstructionKind, keywordRange: SourceRange, range: SourceRange,
    startLine: Int, endLine: Int, original: String, flags: [Flag], arguments: Arguments,
    heredocs: [Heredoc], textMap: TextMap
  ) {
    storage = Storage(
      Fields(
        keyword: keyword, kind: kind, keywordRange: keywordRange, range: range,
        startLine: startLine, endLine: endLine, original: original, flags: flags,
        arguments: arguments, heredocs: heredocs, textMap: textMap))
  }

  public static func == (lhs: Instruction, rhs: Instruction) -> Bool {
    lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

  /// Keyword as written (`run`, `RUN`).
  public var keyword: String {
    get { storage.fields.keyword }
    _modify { yield &unique.keyword }
  }
  public var kind: InstructionKind {
    get { storage.fields.kind }
    _modify { yield &unique.kind }
  }
  public var keywordRange: SourceRange {
    get { storage.fields.keywordRange }
    _modify { yield &unique.keywordRange }
  }
  /// From the keyword to the end of the last line consumed (heredoc terminators included).
  public var range: SourceRange {
    get { storage.fields.range }
    _modify { yield &unique.range }
  }
  /// 1-based physical lines, as BuildKit counts them.
  public var startLine: Int {
    get { storage.fields.startLine }
    _modify { yield &unique.startLine }
  }
  public var endLine: Int {
    get { storage.fields.endLine }
    _modify { yield &unique.endLine }
  }
  /// The logical line: continuations joined, comment and empty continuation lines dropped.
  public var original: String {
    get { storage.fields.original }
    _modify { yield &unique.original }
  }
  public var flags: [Flag] {
    get { storage.fields.flags }
    _modify { yield &unique.flags }
  }
  public var arguments: Arguments {
    get { storage.fields.arguments }
    _modify { yield &unique.arguments }
  }
  public var heredocs: [Heredoc] {
    get { storage.fields.heredocs }
    _modify { yield &unique.heredocs }
  }
  /// Places offsets of ``original`` in the file.
  public var textMap: TextMap {
    get { storage.fields.textMap }
    _modify { yield &unique.textMap }
  }

  public func flag(_ name: String) -> Flag? { flags.first { $0.name == name } }
  public func flags(_ name: String) -> [Flag] { flags.filter { $0.name == name } }

  /// The argument words of the list forms (JSON array or whitespace-separated), as ADD,
  /// COPY, VOLUME, FROM and EXPOSE have them; nil for every other form.
  public var listWords: [Word]? {
    switch arguments {
    case .words(let words), .exec(let words): return words
    default: return nil
    }
  }

  /// The wrapped instruction when this is ONBUILD.
  public var trigger: Instruction? {
    if case .trigger(let inner) = arguments { return inner }
    return nil
  }
}

/// A parsed Dockerfile: directives, instructions, comments and syntax diagnostics.
public struct Dockerfile: Sendable {
  public var source: SourceFile
  public var directives: [Directive]
  public var instructions: [Instruction]
  public var comments: [Comment]
  public var diagnostics: [SyntaxDiagnostic]
  /// The escape character in force (`\` or `` ` ``).
  public var escapeCharacter: Character

  public func directive(_ name: String) -> Directive? {
    directives.first { $0.name == name }
  }
}
