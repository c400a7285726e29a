/// ShellCheck's codes (`SC2086`) as ballast knows them: not rules of its own but ids that
/// configuration, `--ignore`/`--select`, suppression comments and reports accept, so a
/// hadolint user's `# hadolint ignore=SC2086` keeps working. The findings come from ShellCheck
/// itself (the `ShellCheckAdapter` target), only when ShellCheck is switched on.
public enum ShellCheckCodes {
  /// `SC` and four digits, any case.
  public static func isCode(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard bytes.count == 6, bytes[0] | 0x20 == UInt8(ascii: "s"),
      bytes[1] | 0x20 == UInt8(ascii: "c")
    else { return false }
    return bytes[2...].allSatisfy { (0x30...0x39).contains($0) }
  }

  /// Where ShellCheck explains a code.
  public static func wikiURL(_ id: String) -> String {
    "https://www.shellcheck.net/wiki/" + id.uppercased()
  }

  /// The name every code shares in reports (`SC2086 shellcheck: …`).
  public static let name = "shellcheck"

  /// The descriptor standing for one code. It is never in a catalog's list (there are hundreds
  /// of codes, and ShellCheck decides which exist); `RuleCatalog.rule(_:)` makes it on demand.
  public static func descriptor(_ id: String) -> RuleDescriptor {
    let code = id.uppercased()
    return RuleDescriptor(
      id: code, name: name, severity: .warning,
      summary: "ShellCheck's \(code) inside a RUN (with --shellcheck); see \(wikiURL(code))",
      peers: PeerEquivalents(hadolint: [code]))
  }
}
