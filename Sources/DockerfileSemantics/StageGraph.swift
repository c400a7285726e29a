import DockerfileSyntax

/// One build stage: a FROM and the instructions up to the next FROM.
public struct Stage: Sendable {
  public var index: Int
  /// Lower-cased `AS` name, if any.
  public var name: String?
  /// Positions in ``AnalyzedDockerfile/instructions`` of this stage's instructions after FROM.
  public var instructionIndices: Range<Int>
  /// Position of the FROM instruction. Not a copy of it: a stage record is kept for every
  /// stage, and files with many stages paid 200 bytes each for the copy.
  public var fromPosition: Int { instructionIndices.lowerBound - 1 }
  /// The base as written (`golang:${GO_VERSION}`), and expanded with the global ARGs.
  public var baseWord: Word?
  public var baseImage: ImageReference?
  /// Set when the base is an earlier stage (`FROM build AS final`).
  public var baseStage: Int?
  /// Stages this one copies from with `COPY --from` or mounts with `RUN --mount=from=`.
  public var copiesFrom: [Int]
  public var isFinal: Bool
  /// The last stage of ``chain(in:)``, whose base is an image (this one when it has none):
  /// kept so that the root image is one lookup, not a walk per question (a 10,000-stage
  /// `FROM` chain asked it once per RUN).
  public var rootStage: Int

  /// This stage and the stages it is built `FROM`, this one first; a cycle stops the walk.
  public func chain(in stages: [Stage]) -> [Stage] {
    var chain = [self]
    var seen: Set<Int> = [index]
    while let base = chain.last?.baseStage, seen.insert(base).inserted {
      chain.append(stages[base])
    }
    return chain
  }

  /// The image this stage ultimately starts from, following `FROM <stage>` chains.
  public func rootImage(in stages: [Stage]) -> ImageReference? {
    stages[rootStage].baseImage
  }
}

enum StageGraphBuilder {
  static func stages(
    _ instructions: [Instruction], globals: [String: String], escape: Character,
    final: (([Stage]) -> Int?) = { $0.indices.last }
  ) -> [Stage] {
    var stages: [Stage] = []
    var byName: [String: Int] = [:]
    let expander = VariableExpander(values: globals, escape: escape)
    for (position, instruction) in instructions.enumerated() where instruction.kind == .from {
      if let last = stages.indices.last {
        stages[last].instructionIndices = stages[last].instructionIndices.lowerBound..<position
      }
      var words: [Word] = []
      if case .words(let list) = instruction.arguments { words = list }
      let baseWord = words.first
      let name = words.count == 3 ? words[2].text.lowercased() : nil
      var stage = Stage(
        index: stages.count, name: name,
        instructionIndices: (position + 1)..<instructions.count, baseWord: baseWord,
        baseImage: nil, baseStage: nil, copiesFrom: [], isFinal: false, rootStage: stages.count)
      if let baseWord, let expanded = expander.expand(baseWord.text) {
        if let earlier = byName[expanded.lowercased()] {
          stage.baseStage = earlier
          stage.rootStage = stages[earlier].rootStage
        } else {
          stage.baseImage = ImageReference(expanded, word: baseWord)
        }
      }
      if let name { byName[name] = stage.index }
      stages.append(stage)
    }
    for index in stages.indices {
      var sources: [Int] = []
      for position in stages[index].instructionIndices {
        for reference in stageReferences(instructions[position]) {
          if let number = Int(reference), number >= 0, number < index {
            sources.append(number)
          } else if let named = byName[reference.lowercased()], named < index {
            sources.append(named)
          }
        }
      }
      stages[index].copiesFrom = sources
    }
    if let index = final(stages) { stages[index].isFinal = true }
    return stages
  }

  /// `COPY --from=X` and `RUN --mount=…,from=X` values.
  static func stageReferences(_ instruction: Instruction) -> [String] {
    var references: [String] = []
    if instruction.kind == .copy, let from = instruction.flag("from")?.value {
      references.append(from)
    }
    if instruction.kind == .run {
      for mount in instruction.flags("mount") {
        for option in (mount.value ?? "").split(separator: ",") where option.hasPrefix("from=") {
          references.append(String(option.dropFirst(5)))
        }
      }
    }
    return references
  }
}

extension Instruction {
  /// The `AS` keyword of `FROM image AS name`, as written; nil for other forms.
  public var stageKeywordWord: Word? {
    guard kind == .from, case .words(let words) = arguments, words.count == 3 else { return nil }
    return words[1]
  }

  /// The `name` of `FROM image AS name`, as written; nil for other forms.
  public var stageNameWord: Word? {
    guard kind == .from, case .words(let words) = arguments, words.count == 3 else { return nil }
    return words[2]
  }
}
