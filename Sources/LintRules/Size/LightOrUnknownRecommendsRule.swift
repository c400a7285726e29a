import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The installs BL1003 leaves alone although APT's recommends stay on: what the named packages
/// recommend weighs under 5 MB, or ballast cannot weigh it (a package the index does not know,
/// a list in a variable, a `.deb` file, a base image whose packages it does not know). Off by
/// default: the stakes are small or unknown,
/// but a team that wants every install explicit (hadolint's DL3015) turns it on.
struct LightOrUnknownRecommendsRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1019", name: "apt-recommends-light-or-unknown", severity: .info,
    summary: "`apt-get install` without `--no-install-recommends` whose recommends are light "
      + "or unknown.",
    peers: PeerEquivalents(hadolint: ["DL3015"], trivy: ["DS-0029"]), enabledByDefault: false,
    fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for install in AptRecommendsLeftOn.installs(in: file) {
      let bytes = install.weight?.keptOut ?? 0
      guard !install.isHeavyOnKnownBase,
        bytes > 0 || !install.unweighed.isEmpty || install.completesDependencies
      else { continue }
      findings.append(
        finding(
          install.subcommand.range, message(install, base: file.finalBaseImage),
          help: AptRecommendsLeftOn.help(for: install),
          fix: AptRecommendsLeftOn.fix(install, in: file)))
    }
  }

  func message(_ install: AptRecommendsLeftOn.Install, base: ImageReference?) -> String {
    var parts: [String] = []
    if let weight = install.weight, weight.keptOut > 0 {
      parts.append(AptRecommendsLeftOn.message(install.command.program, weight, base: base))
    }
    if !install.unweighed.isEmpty {
      let count = install.unweighed.count
      let names = install.unweighed.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
      let more = count > 3 ? " and \(count - 3) more" : ""
      // Only names can be missing from the index; `$PACKAGES` or `./x.deb` say why by
      // themselves that ballast cannot weigh them.
      let unlisted = install.unweighed.filter(install.unknownNames.contains)
      // "Debian bookworm's index", or the image's own ("Ubuntu 18.04's index").
      let index = install.index
      let nearest = install.isStandIn ? ", the nearest" : ""
      // The table holds what Dockerfiles install and all it pulls in, not the whole index.
      let source = "ballast's packages from \(index)'s index\(nearest)"
      let why: String
      if unlisted.isEmpty {
        why = ""
      } else if unlisted.count == count {
        why = " (not among \(source))"
      } else {
        why =
          " (\(unlisted.prefix(3).map { "`\($0)`" }.joined(separator: ", ")) not among \(source))"
      }
      let unknown = "whatever \(names)\(more) recommend\(count == 1 ? "s" : ""), if anything\(why)"
      parts.append(
        parts.isEmpty
          ? "`\(install.command.program) install` without `--no-install-recommends` also "
            + "installs \(unknown)"
          : "and \(unknown)")
    }
    if install.completesDependencies {
      parts.append(
        "`\(install.command.program) install -f` without `--no-install-recommends` also "
          + "installs what the dependencies it completes recommend, if anything")
    }
    return parts.joined(separator: "; ")
  }
}
