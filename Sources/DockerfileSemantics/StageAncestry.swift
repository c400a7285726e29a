/// The forest of `FROM <stage>` edges (a stage naming a later one is a root: BuildKit builds
/// it from an image), numbered depth first so "is an ancestor of" is two comparisons.
public struct StageAncestry: Sendable {
  /// Each stage's base stage, nil for a root.
  public let baseStage: [Int?]
  /// How many `FROM <stage>` edges lie between a stage and its root.
  public let depth: [Int]
  private let entry: [Int]
  private let exit: [Int]

  public init(stages: [Stage]) {
    let baseStage = stages.map { stage in
      stage.baseStage.flatMap { $0 < stage.index ? $0 : nil }
    }
    var children = [[Int]](repeating: [], count: stages.count)
    for stage in stages {
      if let base = baseStage[stage.index] { children[base].append(stage.index) }
    }
    var entry = [Int](repeating: 0, count: stages.count)
    var exit = [Int](repeating: 0, count: stages.count)
    var depth = [Int](repeating: 0, count: stages.count)
    var clock = 0
    for root in stages where baseStage[root.index] == nil {
      var stack = [(node: root.index, next: 0)]
      entry[root.index] = clock
      clock += 1
      while let top = stack.last {
        if top.next < children[top.node].count {
          let child = children[top.node][top.next]
          stack[stack.count - 1].next += 1
          entry[child] = clock
          depth[child] = depth[top.node] + 1
          clock += 1
          stack.append((child, 0))
        } else {
          exit[top.node] = clock
          clock += 1
          stack.removeLast()
        }
      }
    }
    self.baseStage = baseStage
    self.depth = depth
    self.entry = entry
    self.exit = exit
  }

  /// Whether `stage` is built, through one or more `FROM <stage>` edges, on `ancestor`.
  public func isAncestor(_ ancestor: Int, of stage: Int) -> Bool {
    entry[ancestor] < entry[stage] && exit[stage] < exit[ancestor]
  }
}
