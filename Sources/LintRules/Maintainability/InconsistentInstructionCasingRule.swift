import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Instruction keywords whose case differs from the file's majority (or is mixed, `Run`).
struct InconsistentInstructionCasingRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5030", name: "inconsistent-instruction-casing", severity: .style,
    summary: "An instruction keyword is not in the case most of the file's keywords use.",
    peers: PeerEquivalents(buildkit: ["ConsistentInstructionCasing"]), fix: .safe)

  fileprivate static func message(
    _ keyword: String, majorityIsLower: Bool, count: Int, of total: Int
  )
    -> String
  {
    let majority = majorityIsLower ? "lower case" : "upper case"
    return
      "`\(keyword)` is not \(majority) like \(count) of the file's \(total) instruction keywords"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // ONBUILD's trigger keyword counts as a keyword of its own. Only keywords and their
    // ranges are kept: a copy of every instruction would double the memory of large files.
    var keywords: [(keyword: String, keywordRange: SourceRange)] = []
    keywords.reserveCapacity(file.instructions.count)
    for instruction in file.instructions {
      keywords.append((instruction.keyword, instruction.keywordRange))
      if let trigger = instruction.trigger {
        keywords.append((trigger.keyword, trigger.keywordRange))
      }
    }
    var upper = 0
    var lower = 0
    for instruction in keywords {
      switch Casing(instruction.keyword) {
      case .upper: upper += 1
      case .lower: lower += 1
      case .mixed: break
      }
    }
    // A tie goes to upper case, as in BuildKit.
    let majorityIsLower = lower > upper
    for instruction in keywords {
      let casing = Casing(instruction.keyword)
      guard casing != (majorityIsLower ? .lower : .upper) else { continue }
      let replacement =
        majorityIsLower ? instruction.keyword.lowercased() : instruction.keyword.uppercased()
      findings.append(
        finding(
          instruction.keywordRange,
          Self.message(
            instruction.keyword, majorityIsLower: majorityIsLower,
            count: majorityIsLower ? lower : upper, of: keywords.count),
          help: "write `\(replacement)`",
          fix: Fix(
            title: "write `\(replacement)`",
            edits: [Fix.Edit(range: instruction.keywordRange, replacement: replacement)],
            safety: .safe)))
    }
  }
}

private enum Casing {
  case upper, lower, mixed

  init(_ keyword: String) {
    if keyword == keyword.uppercased() {
      self = .upper
    } else if keyword == keyword.lowercased() {
      self = .lower
    } else {
      self = .mixed
    }
  }
}
