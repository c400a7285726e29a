import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// What BuildKit rejects when it dispatches an instruction, after parsing: a word it cannot
/// expand (a quote never closed, a `${x:?}` naming a variable that is unset), a `RUN --mount`
/// option without a value, and a FROM `--platform` that is not a platform once the global ARGs
/// are expanded.
struct BuildExpansionErrorRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL0009", name: "build-expansion-error", severity: .error,
    summary: "BuildKit cannot expand a word, or a `--mount` or `--platform` value is invalid: "
      + "the build fails.")

  static let bareMountOptions: Set<String> = ["readonly", "ro", "readwrite", "rw", "required"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let escape = file.syntax.escapeCharacter
    let arguments = FromArguments(file.syntax)
    for (position, instruction) in file.instructions.enumerated() {
      for word in Self.expandedWords(instruction) {
        guard let quote = BuilderVariableNames.unterminatedQuote(in: word.text, escape: escape)
        else {
          if let failure = file.requiredVariableFailure(in: word.text, before: position) {
            findings.append(
              finding(
                word.range, "failed to process `\(word.text)`: \(failure): the build fails",
                help: "give the variable a value before this line (an ARG default or an ENV), "
                  + "or pass it with `--build-arg` when an ARG declares it"))
            break
          }
          continue
        }
        findings.append(
          finding(
            word.range,
            "failed to process `\(word.text)`: unexpected end of statement while looking for "
              + "matching \(quote): the build fails",
            help: "close the quote, or escape it with `\(escape)` outside single quotes"
              + (instruction.kind == .add || instruction.kind == .copy
                ? "; a path with spaces needs the JSON form (`[\"a b\", \"/dst/\"]`)" : "")))
        // The build stops at the first.
        break
      }
      if instruction.kind == .run {
        for mount in instruction.flags("mount") {
          if let problem = Self.mountProblem(mount.value ?? "") {
            findings.append(
              finding(
                mount.valueRange, problem + ": the build fails",
                help: "write the option as `key=value`"))
          }
        }
      }
      if instruction.kind == .from { check(platformOf: instruction, arguments, into: &findings) }
    }
  }

  private func check(
    platformOf instruction: Instruction, _ arguments: FromArguments, into findings: inout [Finding]
  ) {
    guard let flag = instruction.flag("platform"), let value = flag.value, value.contains("$")
    else { return }
    let names = PlatformFlag.variableNames(in: value)
    // Undeclared names are BL4008's; names with a default give a value.
    guard names.allSatisfy(arguments.isDeclared), let expanded = arguments.expand(value),
      expanded.isEmpty
        || expanded.split(separator: "/", omittingEmptySubsequences: false)
          .contains(where: \.isEmpty)
    else { return }
    let empty = names.filter {
      arguments.defaults[$0] == nil && FromArguments.predefined[$0] == nil
    }
    guard !empty.isEmpty else { return }
    let list = Wording.list(empty.map { "`\($0)`" }, conjunction: "and")
    findings.append(
      finding(
        flag.valueRange,
        "`--platform=\(value)` is `\(expanded)` with the ARG defaults (\(list) without one), not "
          + "a platform: the build fails unless `--build-arg` gives \(list) a value",
        help: "give the global ARG a default (`ARG \(empty[0])=amd64`)"))
  }

  /// BuildKit's message for the first `--mount` option it rejects before expanding it.
  static func mountProblem(_ value: String) -> String? {
    var type = "bind"
    for field in value.split(separator: ",", omittingEmptySubsequences: false) {
      let text = String(field)
      if let equals = text.firstIndex(of: "=") {
        if text[..<equals].lowercased() == "type" {
          type = String(text[text.index(after: equals)...]).lowercased()
        }
        continue
      }
      let key = text.lowercased()
      guard !key.contains("\"") else { return nil }
      if key == "required" && !["secret", "ssh"].contains(type) {
        return "unexpected key 'required' for mount type '\(type)'"
      }
      if !bareMountOptions.contains(key) {
        return "invalid field '\(text)' must be a key=value pair"
      }
    }
    return nil
  }

  /// The words BuildKit expands with quotes processed (here-document bodies are not).
  static func expandedWords(_ instruction: Instruction) -> [Word] {
    switch instruction.kind {
    case .env, .label:
      if case .keyValues(let pairs, _) = instruction.arguments { return pairs.map(\.value) }
    case .add, .copy, .volume:
      return (instruction.listWords ?? []).filter { !$0.text.hasPrefix("<<") }
    case .workdir, .user, .stopsignal:
      if case .text(let word) = instruction.arguments { return [word] }
    default:
      break
    }
    return []
  }
}
