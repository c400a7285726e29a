/// A problem found while parsing. Parsing never stops at one: the parser recovers and
/// records what it found.
public struct SyntaxDiagnostic: Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable {
    case error, warning
  }

  public var kind: SyntaxDiagnosticKind
  public var range: SourceRange

  public var message: String { kind.message }
  public var severity: Severity { kind.severity }
  /// True when BuildKit's parser itself rejects the file for this problem.
  public var rejectsFile: Bool { kind.rejectsFile }
}

/// Every syntax problem ballast reports, with the message BuildKit uses where it has one.
public enum SyntaxDiagnosticKind: Hashable, Sendable {
  case noInstructions
  case duplicateDirective(name: String)
  case invalidEscapeToken(value: String)
  case misplacedDirective(name: String)
  case lineTooLong
  case nonStringJSONArray
  case keyValueMissingValue(keyword: String)
  case keyValueMissingEquals(word: String)
  case unterminatedHeredoc(name: String)
  case heredocLexing(detail: String)
  case emptyContinuationLine
  case unknownInstruction(keyword: String)
  case unknownFlag(name: String, keyword: String)
  case flagMissingValue(name: String)
  case flagInvalidBool(name: String)
  case duplicateFlag(name: String)
  case wrongArgumentCount(keyword: String, expected: String)
  case invalidFrom
  case invalidStageName(name: String)
  case healthcheckType(type: String)
  case healthcheckNoneArguments
  case healthcheckMissingCommand
  case shellNotJSON
  case onbuildChain
  case onbuildTrigger(keyword: String)
  case blankName(keyword: String)
  case heredocDestination(keyword: String)
  case instructionBeforeFrom(keyword: String)
  case invalidVariableSubstitution(detail: String)
  case variableInStageReference(flag: String)

  public var severity: SyntaxDiagnostic.Severity {
    switch self {
    case .misplacedDirective, .emptyContinuationLine: return .warning
    default: return .error
    }
  }

  /// The cases BuildKit's parser (not its later instruction layer) rejects the whole file for.
  public var rejectsFile: Bool {
    switch self {
    case .noInstructions, .duplicateDirective, .invalidEscapeToken, .lineTooLong,
      .nonStringJSONArray, .keyValueMissingValue, .keyValueMissingEquals,
      .unterminatedHeredoc, .heredocLexing:
      return true
    default:
      return false
    }
  }

  public var message: String {
    switch self {
    case .noInstructions: return "file with no instructions"
    case .duplicateDirective(let name): return "only one \(name) parser directive can be used"
    case .invalidEscapeToken(let value):
      return "invalid escape token '\(value)' does not match ` or \\"
    case .misplacedDirective(let name):
      return
        "'# \(name)=' is not a parser directive here and is ignored: directives must come "
        + "before any instruction, comment or blank line"
    case .lineTooLong: return "dockerfile line greater than max allowed size of 65535"
    case .nonStringJSONArray:
      return "when using JSON array syntax, arrays must be comprised of strings only"
    case .keyValueMissingValue(let keyword): return "\(keyword) must have two arguments"
    case .keyValueMissingEquals(let word):
      return
        "Syntax error - can't find = in \(BuildKitTreeDump.goQuote(word)). Must be of the form: name=value"
    case .unterminatedHeredoc: return "unterminated heredoc"
    case .heredocLexing(let detail): return detail
    case .emptyContinuationLine:
      return "empty continuation line: BuildKit warns and will reject it in a future release"
    case .unknownInstruction(let keyword): return "unknown instruction: \(keyword)"
    case .unknownFlag(let name, let keyword): return "unknown flag: --\(name) for \(keyword)"
    case .flagMissingValue(let name): return "missing a value on flag: --\(name)"
    case .flagInvalidBool(let name): return "expecting boolean value for flag --\(name)"
    case .duplicateFlag(let name): return "duplicate flag specified: --\(name)"
    case .wrongArgumentCount(let keyword, let expected):
      return "\(keyword) requires \(expected)"
    case .invalidFrom: return "FROM requires either one or three arguments (image [AS name])"
    case .invalidStageName(let name):
      return "invalid name for build stage: \"\(name)\", name can't start with a number or "
        + "contain symbols"
    case .healthcheckType(let type): return "Unknown type \"\(type)\" in HEALTHCHECK (try CMD)"
    case .healthcheckNoneArguments: return "HEALTHCHECK NONE takes no arguments"
    case .healthcheckMissingCommand: return "Missing command after HEALTHCHECK CMD"
    case .shellNotJSON: return "SHELL requires the arguments to be in JSON form"
    case .onbuildChain: return "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"
    case .onbuildTrigger(let keyword): return "\(keyword) isn't allowed as an ONBUILD trigger"
    case .blankName(let keyword): return "\(keyword) names can not be blank"
    case .heredocDestination(let keyword):
      return "\(keyword) cannot accept a heredoc as a destination"
    case .instructionBeforeFrom(let keyword):
      return "\(keyword) before the first FROM: only ARG may come before FROM"
    case .invalidVariableSubstitution(let detail): return detail
    case .variableInStageReference(let flag):
      return "`\(flag)` does not expand variables: define a stage `FROM ${NAME} AS name` "
        + "with a global ARG and refer to that stage"
    }
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
