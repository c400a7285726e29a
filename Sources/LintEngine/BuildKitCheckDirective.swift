import DockerfileSyntax

/// BuildKit's own `# check=` parser directive, read as BuildKit reads it (only in the parser
/// directives at the top of the file, before any instruction or comment):
/// `# check=skip=JSONArgsRecommended,FromAsCasing`, `# check=skip=all`, `# check=error=true`,
/// options joined with `;`. It applies to the rules that have a BuildKit equivalent: skipped
/// checks drop their findings, and with `error=true` those rules' findings are errors, as the
/// build then fails on them.
struct BuildKitCheckDirective: Sendable {
  var skipsAll = false
  /// BuildKit check names, compared with their case as BuildKit compares them.
  var skipped: Set<String> = []
  var findingsAreErrors = false

  init?(_ file: Dockerfile) {
    guard let directive = file.directive("check") else { return nil }
    for part in directive.value.split(separator: ";") {
      let option = part.drop { $0 == " " || $0 == "\t" }
      guard let equals = option.firstIndex(of: "=") else { continue }
      let key = option[..<equals]
      let value = option[option.index(after: equals)...].trimmingBlanks()
      switch key {
      case "skip":
        for name in value.split(separator: ",") {
          let name = Substring(name).trimmingBlanks()
          if name == "all" { skipsAll = true } else { skipped.insert(String(name)) }
        }
      case "error":
        findingsAreErrors = value.lowercased() == "true"
      default:
        // `experimental=` enables BuildKit's experimental checks; ballast's rule for the one
        // experimental check is switched on in the configuration instead.
        continue
      }
    }
  }

  /// `findings` with the directive applied.
  func apply(to findings: [Finding], catalog: RuleCatalog) -> [Finding] {
    var buildkitIDs: [String: [String]] = [:]
    func checks(of ruleID: String) -> [String] {
      if let known = buildkitIDs[ruleID] { return known }
      let found = catalog.rule(ruleID)?.peers.buildkit ?? []
      buildkitIDs[ruleID] = found
      return found
    }
    return findings.compactMap { finding in
      let names = checks(of: finding.ruleID)
      guard !names.isEmpty else { return finding }
      if skipsAll || names.contains(where: skipped.contains) { return nil }
      var kept = finding
      if findingsAreErrors { kept.severity = .error }
      return kept
    }
  }
}

extension Substring {
  fileprivate func trimmingBlanks() -> Substring {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) })
    else { return "" }
    return self[first...last]
  }
}
