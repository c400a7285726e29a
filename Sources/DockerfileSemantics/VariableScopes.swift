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
    if let bindings = tables.values[stage][name],
      let binding = bindings.last(before: position)
    {
      return binding.value
    }
    // Then ENV of the stages it builds on: the last one each made wins, and may unset.
    var current = tables.baseStage[stage]
    while let base = current {
      if let binding = tables.environment[base][name]?.last { return binding.value }
      current = tables.baseStage[base]
    }
    return nil
  }
}

/// Where each variable is set, per stage, and the working directory before each instruction:
/// built in one pass over the file, so asking at every instruction costs a lookup instead of
/// replaying the stage chain (which made a long single-stage file cubic).
final class ScopeTables: Sendable {
  struct Binding: Sendable {
    var position: Int
    var value: String?
  }

  let globals: [String: String]
  /// Per stage: values set by its ARG and ENV instructions, in order.
  let values: [[String: [Binding]]]
  /// Per stage: what each ENV hands on to stages built on it (nil unsets).
  let environment: [[String: [Binding]]]
  let baseStage: [Int?]
  /// Per instruction position: the working directory before it (nil when unresolvable).
  let workingDirectories: [String?]

  init(
    instructions: [Instruction], stages: [Stage], globalArguments: [String: String?],
    escape: Character
  ) {
    globals = globalArguments.compactMapValues { $0 }
    baseStage = stages.map(\.baseStage)
    var values: [[String: [Binding]]] = []
    var environment: [[String: [Binding]]] = []
    var directories = [String?](repeating: "/", count: instructions.count)
    // A stage's full environment and directory at its end, kept only until the last stage
    // built on it has started, so long FROM chains do not keep one copy per stage.
    var endEnvironment: [Int: [String: String]] = [:]
    var endDirectory: [Int: String?] = [:]
    var pendingChildren = [Int](repeating: 0, count: stages.count)
    for stage in stages { if let base = stage.baseStage { pendingChildren[base] += 1 } }

    for stage in stages {
      var running: [String: String] = [:]
      var directory: String? = "/"
      if let base = stage.baseStage {
        running = endEnvironment[base] ?? [:]
        directory = endDirectory[base] ?? "/"
        pendingChildren[base] -= 1
        if pendingChildren[base] == 0 {
          endEnvironment[base] = nil
          endDirectory[base] = nil
        }
      }
      var inherited = running
      var stageValues: [String: [Binding]] = [:]
      var stageEnvironment: [String: [Binding]] = [:]
      let fromPosition = stage.instructionIndices.lowerBound - 1
      if fromPosition >= 0 { directories[fromPosition] = directory }
      for position in stage.instructionIndices {
        directories[position] = directory
        let instruction = instructions[position]
        let expander = VariableExpander(values: running, escape: escape)
        switch (instruction.kind, instruction.arguments) {
        case (.env, .keyValues(let pairs, _)):
          var updated: [(String, String)] = []
          for pair in pairs {
            if let value = expander.expand(pair.value.text) {
              updated.append((pair.key.text, value))
            }
          }
          // All pairs of one ENV see the values from before it.
          for (name, value) in updated {
            running[name] = value
            stageValues[name, default: []].append(Binding(position: position, value: value))
          }
          for pair in pairs {
            let name = pair.key.text
            inherited[name] = running[name]
            stageEnvironment[name, default: []].append(
              Binding(position: position, value: running[name]))
          }
        case (.arg, .declarations):
          for (name, value) in AnalyzedDockerfile.declarations(instruction) {
            guard let value = value ?? (globalArguments[name] ?? nil) else { continue }
            running[name] = value
            stageValues[name, default: []].append(Binding(position: position, value: value))
          }
        case (.workdir, .text(let word)):
          if let expanded = expander.expand(word.text), let base = directory {
            directory = Paths.resolve(expanded, in: base)
          } else {
            directory = nil
          }
        default:
          break
        }
      }
      values.append(stageValues)
      environment.append(stageEnvironment)
      if pendingChildren[stage.index] > 0 {
        endEnvironment[stage.index] = inherited
        endDirectory[stage.index] = directory
      }
    }
    self.values = values
    self.environment = environment
    self.workingDirectories = directories
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
