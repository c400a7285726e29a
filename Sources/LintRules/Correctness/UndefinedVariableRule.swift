import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `WORKDIR /home/$USERNAME` with no ARG or ENV setting `USERNAME`: the builder expands it to
/// nothing. BuildKit knows the base image's environment because it pulls it; ballast reports a
/// variable only when every image the stage is built on is one whose environment it knows
/// (`scratch`, or an image of `ImageEnvironmentKnowledge`), so an unknown image that may set
/// the variable keeps it silent.
struct UndefinedVariableRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4009", name: "undefined-variable", severity: .warning,
    summary: "A variable is used where no ARG, ENV or known base image defines it: it is empty.",
    peers: PeerEquivalents(buildkit: ["UndefinedVar"]))

  fileprivate static func message(
    _ name: String, modifier: VariableReference.Modifier, image: String?, suggestion: String?
  ) -> String {
    let source = image.map { "nor does `\($0)`" } ?? "and `scratch` sets nothing"
    let outcome: String
    switch modifier {
    case .defaultIfUnset, .defaultIfUnsetOrEmpty: outcome = "so its default is always used"
    case .errorIfUnset, .errorIfUnsetOrEmpty: outcome = "so the build stops with an error here"
    default: outcome = "so it expands to nothing"
    }
    let base =
      "`$\(name)` is not defined here: no ARG or ENV before this line (in this stage or those it is built on) sets it, \(source), \(outcome)"
    return suggestion.map { base + " (did you mean `$\($0)`?)" } ?? base
  }

  /// What BuildKit never reports: `PATH`, which it sets on every Linux image, and the ARGs it
  /// keeps out of the environment.
  static let alwaysDefined: Set<String> = [
    "PATH", "BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE",
  ]

  /// The platform ARGs BuildKit gives a value when a stage declares them without a default.
  static let automaticArguments: Set<String> = Set(FromArguments.predefined.keys).union([
    "BUILDOSVERSION", "TARGETOSVERSION", "TARGETSTAGE",
  ])

  struct Setter {
    var stage: Int
    var position: Int
    /// Order of setting in the file (names of one instruction are set one after another).
    var order: Int
    /// Whether the name gets a value (an ENV, or an ARG with one): only those are candidates
    /// for "did you mean", as in BuildKit.
    var hasValue: Bool
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let stages = file.stages
    // The image environment of each stage's root; nil when ballast does not know it.
    let environments: [[String]?] = stages.map { stage in
      let root = stages[stage.rootStage]
      guard root.baseStage == nil, let image = root.baseImage else { return nil }
      return ImageEnvironmentKnowledge.environment(of: image)
    }
    guard environments.contains(where: { $0 != nil }) else { return }
    var context = Context(
      file: file, globals: FromArguments(file.syntax), ancestry: StageAncestry(stages: stages))
    for stage in stages {
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        let known = environments[stage.index]
        // ARG names are set one by one: a later default sees an earlier name.
        if instruction.kind == .arg, case .declarations(let words) = instruction.arguments {
          for word in words {
            if let known {
              // Earlier names of this ARG are set already: they count as before it.
              report(
                word.variables.filter(Self.isLookedUp).map(Use.init), context, stage: stage,
                position: position + 1, known: known, into: &findings)
            }
            let name = String(word.text.prefix { $0 != "=" })
            let hasValue =
              word.text.contains("=") || context.globals.defaults[name] != nil
              || Self.automaticArguments.contains(name)
            context.add(name, stage: stage.index, position: position, hasValue: hasValue)
          }
          continue
        }
        if let known {
          report(
            Self.uses(instruction, escape: file.syntax.escapeCharacter, source: file.source),
            context, stage: stage, position: position, known: known, into: &findings)
        }
        if instruction.kind == .env, case .keyValues(let pairs, _) = instruction.arguments {
          for pair in pairs {
            context.add(pair.key.text, stage: stage.index, position: position, hasValue: true)
          }
        }
      }
    }
  }

  /// A variable the builder looks up: its name, where, and the modifier it is used with.
  struct Use {
    var name: String
    var range: SourceRange
    var modifier: VariableReference.Modifier

    init(_ reference: VariableReference) {
      name = reference.name
      range = reference.nameRange
      modifier = reference.modifier
    }

    init(name: String, range: SourceRange) {
      self.name = name
      self.range = range
      modifier = .none
    }
  }

  /// Whether the builder looks the name up: references it rejects are not, except
  /// `${name:x…}` with an unsupported character after the colon, which it rejects only after
  /// looking the name up.
  static func isLookedUp(_ reference: VariableReference) -> Bool {
    guard let problem = reference.problem else { return true }
    return problem.hasPrefix("unsupported modifier (:") && !reference.name.isEmpty
  }

  /// What every check of one file shares.
  struct Context {
    var file: AnalyzedDockerfile
    var globals: FromArguments
    var ancestry: StageAncestry
    var setters: [String: [Setter]] = [:]
    var count = 0

    mutating func add(_ name: String, stage: Int, position: Int, hasValue: Bool) {
      setters[name, default: []].append(
        Setter(stage: stage, position: position, order: count, hasValue: hasValue))
      count += 1
    }
  }

  private func report(
    _ uses: [Use], _ context: Context, stage: Stage, position: Int, known: [String],
    into findings: inout [Finding]
  ) {
    let setters = context.setters
    let ancestry = context.ancestry
    var reported: Set<String> = []
    for reference in uses {
      let name = reference.name
      guard !Self.alwaysDefined.contains(name), !known.contains(name),
        !Self.isSet(name, setters, stage: stage.index, before: position, ancestry),
        reported.insert(name).inserted
      else { continue }
      let candidates = Self.candidates(
        setters, stage: stage.index, before: position, ancestry, known: known)
      let image = stage.rootImage(in: context.file.stages).flatMap {
        $0.isScratch ? nil : $0.text
      }
      var help = "set it with `ARG \(name)=…` or `ENV \(name)=…` earlier in this stage"
      if context.globals.declared[name] != nil {
        help =
          "the `ARG \(name)` before the first FROM is not seen inside a stage: repeat `ARG \(name)` in this stage"
      }
      findings.append(
        finding(
          reference.range,
          Self.message(
            name, modifier: reference.modifier, image: image,
            suggestion: Self.nearest(to: name, in: candidates)),
          help: help))
    }
  }

  /// Whether an ARG or ENV of `stage` before `position`, or of a stage it is built on, sets
  /// `name`. Searched from the latest setter back: in a `FROM` chain the nearest stage that
  /// sets it answers at once.
  static func isSet(
    _ name: String, _ setters: [String: [Setter]], stage: Int, before position: Int,
    _ ancestry: StageAncestry
  ) -> Bool {
    guard let list = setters[name] else { return false }
    for setter in list.reversed() where setter.position < position {
      if setter.stage == stage || ancestry.isAncestor(setter.stage, of: stage) { return true }
    }
    return false
  }

  /// The names with a value in force, in BuildKit's order (the environment's keys by their
  /// latest setting): `PATH` and the image's, then ARG and ENV names.
  static func candidates(
    _ setters: [String: [Setter]], stage: Int, before position: Int, _ ancestry: StageAncestry,
    known: [String]
  ) -> [String] {
    var latest: [(order: Int, name: String)] = []
    for (name, list) in setters {
      if let setter = list.last(where: {
        $0.hasValue && $0.position < position
          && ($0.stage == stage || ancestry.isAncestor($0.stage, of: stage))
      }) {
        latest.append((setter.order, name))
      }
    }
    let set = latest.sorted { $0.order < $1.order }.map(\.name)
    return ["PATH"] + known.filter { !set.contains($0) } + set
  }

  /// BuildKit's suggestion: the first candidate at the smallest Levenshtein distance under 3,
  /// with case.
  static func nearest(to name: String, in candidates: [String]) -> String? {
    let word = Array(name.unicodeScalars)
    var best: String?
    var smallest = 3
    for candidate in candidates {
      let distance = levenshtein(word, Array(candidate.unicodeScalars))
      if distance < smallest {
        best = candidate
        smallest = distance
      }
    }
    return best
  }

  static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The references BuildKit looks up when it dispatches `instruction` (ARG defaults aside):
  /// ENV values, LABEL keys and values, ADD and COPY sources, destination, `--chown`,
  /// `--chmod` and ADD's `--checksum`, and the bodies of here-documents with an unquoted
  /// delimiter, WORKDIR, USER, VOLUME, STOPSIGNAL, and RUN's `--mount` options. Not RUN, CMD,
  /// ENTRYPOINT, HEALTHCHECK or SHELL (the shell expands those when the container runs),
  /// EXPOSE (expanded without the check), FROM (BL4008) or ONBUILD.
  static func uses(_ instruction: Instruction, escape: Character, source: SourceFile) -> [Use] {
    var references: [VariableReference] = []
    var found: [Use] = []
    var flagNames: [String] = []
    switch instruction.kind {
    case .env, .label:
      if case .keyValues(let pairs, _) = instruction.arguments {
        for pair in pairs { references += pair.key.variables + pair.value.variables }
      }
    case .add, .copy:
      references += (instruction.listWords ?? []).flatMap(\.variables)
      flagNames = instruction.kind == .add ? ["chown", "chmod", "checksum"] : ["chown", "chmod"]
    case .workdir, .user, .stopsignal:
      if case .text(let word) = instruction.arguments { references += word.variables }
    case .volume:
      references += (instruction.listWords ?? []).flatMap(\.variables)
    case .run:
      flagNames = ["mount"]
    default:
      return []
    }
    for flag in instruction.flags where flagNames.contains(flag.name) {
      guard let value = flag.value else { continue }
      found += located(
        BuilderVariableNames.references(in: value, escape: escape), in: value,
        range: flag.valueRange, source: source)
    }
    if instruction.kind == .add || instruction.kind == .copy {
      for heredoc in instruction.heredocs where heredoc.expand {
        let content = heredoc.content
        found += located(
          BuilderVariableNames.references(in: content, processQuotes: false), in: content,
          range: heredoc.bodyRange, source: source)
      }
    }
    found += references.filter(isLookedUp).map(Use.init)
    return found.sorted { $0.range.start < $1.range.start }
  }

  /// References found in `text`, placed in the file: exactly when `range` holds the text as
  /// written, else on the whole range.
  private static func located(
    _ found: [BuilderVariableNames.Reference], in text: String, range: SourceRange,
    source: SourceFile
  ) -> [Use] {
    let exact = source.text(range) == text
    return found.map { reference in
      let start = range.start + reference.offset
      let nameRange =
        exact ? SourceRange(start: start, end: start + reference.name.utf8.count) : range
      return Use(name: reference.name, range: nameRange)
    }
  }
}
