import DockerfileSyntax

/// The variables in force before one instruction; see `AnalyzedDockerfile.variables(before:)`.
public struct VariableScope: Sendable {
  let tables: ScopeTables
  let stage: Int?
  let position: Int

  /// The value of `name`, or nil when it is unset or ballast cannot know it.
  public subscript(_ name: String) -> String? {
    guard let stage else { return tables.globals[name] }
    // The stage's own ARG and ENV bindings made before `position`, latest first.
    if let binding = tables.values[name]?.last(before: position),
      binding.position >= tables.stageStarts[stage]
    {
      return binding.value
    }
    return tables.handedOn.value(of: name, inheritedBy: stage)
  }
}

/// Where each variable is set, per stage, and the working directory before each instruction,
/// built in one pass. Asking at every instruction is a lookup: replaying the stage chain per
/// question made one long stage cubic, and a long `FROM` chain quadratic.
final class ScopeTables: Sendable {
  struct Binding: Sendable {
    var position: Int
    var value: String?
  }

  /// Longer expanded values count as unknown. Every binding keeps its value, so a file that
  /// grows one variable line by line (`ENV PATH=/x:$PATH` thousands of times) would otherwise
  /// need memory quadratic in its length (20,000 such lines: 3 GB).
  static let longestKnownValue = 16_384

  let globals: [String: String]
  /// Per name: the values ARG and ENV instructions gave it, in file order. Keyed by name, not
  /// by stage, so files with thousands of small stages pay nothing per stage.
  let values: [String: [Binding]]
  /// Per stage: the position of its FROM line.
  let stageStarts: [Int]
  let handedOn: HandedOnEnvironment
  /// Per instruction position: the working directory before it (nil when unresolvable).
  let workingDirectories: [String?]

  init(
    instructions: [Instruction], stages: [Stage], globalArguments: [String: String?],
    escape: Character
  ) {
    globals = globalArguments.compactMapValues { $0 }
    stageStarts = stages.map { $0.instructionIndices.lowerBound - 1 }
    var values: [String: [Binding]] = [:]
    var handedOn = HandedOnEnvironment(stages: stages)
    var directories = [String?](repeating: "/", count: instructions.count)
    var endDirectory: [String?] = []
    for stage in stages {
      // What this stage's ARG and ENV set so far; a nil value is set but unknown.
      var local: [String: String?] = [:]
      var directory: String? = "/"
      if let base = stage.baseStage, base < endDirectory.count { directory = endDirectory[base] }
      func current(_ name: String) -> String? {
        if let value = local[name] { return value }
        return handedOn.value(of: name, inheritedBy: stage.index)
      }
      // Only the variables a word mentions are looked up, so no stage copies the whole
      // environment it inherits.
      func expander(for text: String) -> VariableExpander {
        VariableExpander(for: text, escape: escape, lookup: current)
      }
      let fromPosition = stage.instructionIndices.lowerBound - 1
      if fromPosition >= 0 { directories[fromPosition] = directory }
      for position in stage.instructionIndices {
        directories[position] = directory
        let instruction = instructions[position]
        switch (instruction.kind, instruction.arguments) {
        case (.env, .keyValues(let pairs, _)):
          // All pairs of one ENV see the values from before it.
          // A value that cannot be expanded leaves the old one; one too long is unknown.
          var updated: [(String, String?)] = []
          for pair in pairs {
            if let value = expander(for: pair.value.text).expand(pair.value.text) {
              updated.append(
                (pair.key.text, value.utf8.count <= Self.longestKnownValue ? value : nil))
            }
          }
          for (name, value) in updated {
            local[name] = .some(value)
            values[name, default: []].append(Binding(position: position, value: value))
          }
          for pair in pairs {
            handedOn.record(pair.key.text, current(pair.key.text), by: stage.index)
          }
        case (.arg, .declarations):
          let declared = AnalyzedDockerfile.declarations(
            instruction, escape: escape, lookup: current)
          for declaration in declared {
            let name = declaration.name
            // Without a default a global ARG of that name gives the value; a default that
            // cannot be expanded makes the name set but unknown.
            let value = declaration.hasDefault ? declaration.value : globalArguments[name] ?? nil
            guard value != nil || declaration.hasDefault else { continue }
            local[name] = .some(value)
            values[name, default: []].append(Binding(position: position, value: value))
          }
        case (.workdir, .text(let word)):
          if let expanded = expander(for: word.text).expand(word.text), let base = directory {
            let resolved = Paths.resolve(expanded, in: base)
            // Keeping ever longer paths made a file of thousands of relative WORKDIRs quadratic.
            directory = resolved.utf8.count < Paths.maximumLength ? resolved : nil
          } else {
            directory = nil
          }
        default:
          break
        }
      }
      endDirectory.append(directory)
    }
    self.values = values
    self.handedOn = handedOn
    self.workingDirectories = directories
  }
}

/// What each stage's ENV hands on to the stages built `FROM` it, and the lookup through the
/// `FROM` forest: the nearest ancestor that set a name decides its value (nil unsets).
struct HandedOnEnvironment: Sendable {
  /// Per name: the stages whose ENV set it, ascending, with the last value each gave it.
  private var byName: [String: [(stage: Int, value: String?)]] = [:]
  private let ancestry: StageAncestry

  init(stages: [Stage]) {
    ancestry = StageAncestry(stages: stages)
  }

  /// Stages are recorded in ascending order; a later ENV of the same stage replaces the value.
  mutating func record(_ name: String, _ value: String?, by stage: Int) {
    // Taken out and put back, so the list is not copied while it is changed.
    var setters = byName.removeValue(forKey: name) ?? []
    if setters.last?.stage == stage {
      setters[setters.count - 1].value = value
    } else {
      setters.append((stage, value))
    }
    byName[name] = setters
  }

  /// The value `stage` inherits for `name` from the stages it is built on.
  func value(of name: String, inheritedBy stage: Int) -> String? {
    guard let setters = byName[name] else { return nil }
    let below = setters.firstIndex(atOrAfter: stage)
    // Whichever is shorter: the stages up the FROM chain, or the earlier stages that set
    // the name (the nearest ancestor among them has the highest index).
    if ancestry.depth[stage] <= below {
      var current = ancestry.baseStage[stage]
      while let ancestor = current {
        let found = setters.firstIndex(atOrAfter: ancestor)
        if found < setters.count && setters[found].stage == ancestor { return setters[found].value }
        current = ancestry.baseStage[ancestor]
      }
      return nil
    }
    for setter in setters[..<below].reversed()
    where ancestry.isAncestor(setter.stage, of: stage) {
      return setter.value
    }
    return nil
  }
}

extension Array where Element == (stage: Int, value: String?) {
  /// The index of the first entry whose stage is `stage` or later (entries ascend by stage).
  fileprivate func firstIndex(atOrAfter stage: Int) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if self[mid].stage < stage { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

extension Array where Element == ScopeTables.Binding {
  /// The last binding made at a position before `position` (bindings are in position order).
  func last(before position: Int) -> Element? {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if self[mid].position < position { low = mid + 1 } else { high = mid }
    }
    return low > 0 ? self[low - 1] : nil
  }
}
