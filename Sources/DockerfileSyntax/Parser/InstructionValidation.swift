/// The checks BuildKit's instruction layer (`instructions.Parse`, `bflag.go`) makes after the
/// parser: flags, argument counts, FROM, HEALTHCHECK, SHELL and ONBUILD rules. Each problem
/// is a diagnostic; the instruction is still kept.
enum FlagKind {
  case string, bool, list
}

extension InstructionKind {
  /// Flags BuildKit accepts on each instruction.
  var allowedFlags: [String: FlagKind] {
    switch self {
    case .from: return ["platform": .string]
    case .copy:
      return [
        "from": .string, "chown": .string, "chmod": .string, "link": .bool, "parents": .bool,
        "exclude": .list,
      ]
    case .add:
      return [
        "chown": .string, "chmod": .string, "checksum": .string, "link": .bool,
        "keep-git-dir": .bool, "unpack": .bool, "exclude": .list,
      ]
    case .run: return ["mount": .list, "network": .string, "security": .string, "device": .list]
    case .healthcheck:
      return [
        "interval": .string, "timeout": .string, "start-period": .string,
        "start-interval": .string, "retries": .string,
      ]
    default: return [:]
    }
  }
}

extension InstructionBuilder {
  mutating func validate(_ instruction: inout Instruction, argumentsRange: SourceRange) {
    let keyword = instruction.keyword.uppercased()
    if instruction.kind == .unknown {
      diagnose(.unknownInstruction(keyword: instruction.keyword), instruction.keywordRange)
      return
    }
    validateFlags(instruction.flags, kind: instruction.kind, keyword: keyword)
    validateStageReferences(instruction)
    let arguments = instruction.arguments
    let atLeastOne = "at least one argument"
    switch instruction.kind {
    case .from:
      validateFrom(arguments, instruction.keywordRange)
    case .maintainer, .user, .workdir, .stopsignal:
      if case .none = arguments {
        diagnose(
          .wrongArgumentCount(keyword: keyword, expected: "exactly one argument"),
          instruction.keywordRange)
      }
    case .run, .expose, .volume, .arg, .onbuild, .healthcheck, .env, .label:
      if case .none = arguments {
        diagnose(
          .wrongArgumentCount(keyword: keyword, expected: atLeastOne), instruction.keywordRange)
      }
    case .shell:
      if case .exec = arguments {
      } else {
        diagnose(.shellNotJSON, argumentsRange.isEmpty ? instruction.keywordRange : argumentsRange)
      }
    case .add, .copy:
      validateCopy(arguments, keyword: keyword, instruction.keywordRange)
    case .cmd, .entrypoint, .unknown:
      break
    }
    validateNames(arguments, keyword: keyword)
    validateHealthcheck(arguments)
    if let trigger = instruction.trigger {
      switch trigger.kind {
      case .onbuild: diagnose(.onbuildChain, trigger.keywordRange)
      case .from, .maintainer:
        diagnose(.onbuildTrigger(keyword: trigger.keyword.uppercased()), trigger.keywordRange)
      default: break
      }
    }
    for word in instruction.expandedWords {
      for reference in word.variables {
        if let problem = reference.problem {
          diagnose(.invalidVariableSubstitution(detail: problem), reference.range)
        }
      }
    }
  }

  private mutating func validateFlags(_ flags: [Flag], kind: InstructionKind, keyword: String) {
    let allowed = kind.allowedFlags
    var seen: Set<String> = []
    for flag in flags {
      guard let flagKind = allowed[flag.name] else {
        diagnose(.unknownFlag(name: flag.name, keyword: keyword), flag.nameRange)
        continue
      }
      switch flagKind {
      case .string, .list:
        if flag.value == nil { diagnose(.flagMissingValue(name: flag.name), flag.range) }
      case .bool:
        if let value = flag.value, !["true", "false"].contains(value.lowercased()) {
          diagnose(.flagInvalidBool(name: flag.name), flag.valueRange)
        }
      }
      if flagKind != .list && !seen.insert(flag.name).inserted {
        diagnose(.duplicateFlag(name: flag.name), flag.range)
      }
    }
  }

  /// `COPY --from=$X` and `RUN --mount=from=$X`: BuildKit resolves stage references before
  /// it expands variables, and refuses both.
  private mutating func validateStageReferences(_ instruction: Instruction) {
    if instruction.kind == .copy, let from = instruction.flag("from"),
      let value = from.value, value.contains("$")
    {
      diagnose(.variableInStageReference(flag: "--from"), from.valueRange)
    }
    guard instruction.kind == .run else { return }
    for mount in instruction.flags("mount") {
      guard let value = mount.value else { continue }
      for option in value.split(separator: ",") where option.hasPrefix("from=") {
        if option.contains("$") {
          diagnose(.variableInStageReference(flag: "--mount=from"), mount.valueRange)
        }
      }
    }
  }

  private mutating func validateFrom(_ arguments: Arguments, _ keywordRange: SourceRange) {
    guard case .words(let words) = arguments, words.count == 1 || words.count == 3 else {
      diagnose(.invalidFrom, keywordRange)
      return
    }
    guard words.count == 3 else { return }
    guard words[1].text.lowercased() == "as" else {
      diagnose(.invalidFrom, words[1].range)
      return
    }
    let name = words[2].text.lowercased()
    let scalars = Array(name.unicodeScalars)
    let valid =
      scalars.first.map { ("a"..."z").contains($0) } == true
      && scalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
      }
    // Stage names are not expanded: `AS ${NAME}` is refused like any other symbol.
    if !valid {
      diagnose(.invalidStageName(name: words[2].text), words[2].range)
    }
  }

  private mutating func validateCopy(
    _ arguments: Arguments, keyword: String, _ keywordRange: SourceRange
  ) {
    let words: [Word]
    switch arguments {
    case .words(let list), .exec(let list): words = list
    default: words = []
    }
    guard words.count >= 2 else {
      diagnose(
        .wrongArgumentCount(keyword: keyword, expected: "at least two arguments"), keywordRange)
      return
    }
    if case .words = arguments, let last = words.last,
      (try? HeredocScanner.parse(last.text)) != nil
    {
      diagnose(.heredocDestination(keyword: keyword), last.range)
    }
  }

  private mutating func validateNames(_ arguments: Arguments, keyword: String) {
    switch arguments {
    case .keyValues(let pairs, _):
      for pair in pairs where pair.key.text.isEmpty {
        diagnose(.blankName(keyword: keyword), pair.range)
      }
    case .declarations(let words):
      for word in words where word.text.hasPrefix("=") {
        diagnose(.blankName(keyword: keyword), word.range)
      }
    default:
      break
    }
  }

  private mutating func validateHealthcheck(_ arguments: Arguments) {
    guard case .healthcheck(let type, let command) = arguments else { return }
    switch type.text.uppercased() {
    case "NONE":
      if command != .none { diagnose(.healthcheckNoneArguments, type.range) }
    case "CMD":
      if command == .none { diagnose(.healthcheckMissingCommand, type.range) }
    default:
      diagnose(.healthcheckType(type: type.text), type.range)
    }
  }
}

extension Instruction {
  /// The words of this instruction that the builder variable-expands.
  public var expandedWords: [Word] {
    switch arguments {
    case .words(let words), .declarations(let words): return words
    case .exec(let words): return kind == .add || kind == .copy || kind == .volume ? words : []
    case .text(let word): return word.variables.isEmpty ? [] : [word]
    case .keyValues(let pairs, _): return pairs.flatMap { [$0.key, $0.value] }
    default: return []
    }
  }
}
