import DockerfileSyntax

/// How each package manager writes a package and its version: `curl=7.88*` (apt), `curl~8`
/// (apk), `curl-7.76.1-26.el9` (RPM), `flask==3.0` (pip), `@scope/x@1` (npm), `rails:7.1`
/// (gem), `x@v1.2.3` (go), `numpy=1.26` (conda), `ripgrep@14` (cargo); and the files,
/// folders, downloads and checkouts each also installs.
struct PackageSpecReader {
  let manager: PackageManager
  let verb: String
  let arguments: CommandArguments
  let variables: (String) -> String?

  mutating func packages() -> [RequestedPackage] {
    var packages: [RequestedPackage] = []
    switch manager {
    case .pip:
      for word in arguments.values("-r", "--requirement") {
        packages.append(.init(word, source: .requirements, pinned: true))
      }
      for word in arguments.values("-e", "--editable") {
        packages.append(read(word, as: Self.pipEditable))
      }
    case .conda:
      for word in arguments.values("--file") {
        packages.append(.init(word, source: .requirements, pinned: true))
      }
    case .cargo:
      if let git = arguments.value("--git") {
        let ref = arguments.has("--rev", "--tag", "--branch")
        packages.append(.init(git, source: .vcs, pinned: ref))
        return packages
      }
      if let path = arguments.value("--path") {
        packages.append(.init(path, source: .directory, pinned: true))
        return packages
      }
    default:
      break
    }
    for word in arguments.operands {
      packages += expand(word)
    }
    return packages
  }

  /// The packages one operand names: its expansion's words when it uses variables with known
  /// values, itself otherwise.
  private func expand(_ word: ShellWord) -> [RequestedPackage] {
    guard !word.isLiteral else { return [read(word)] }
    let value = word.value
    let substitutes = value.includes("$(") || value.contains("`")
    if !substitutes,
      let expanded = VariableExpander(for: value, escape: "\\", lookup: variables).expand(value)
    {
      return expanded.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map {
        read(ShellWord(value: String($0), range: word.range, isLiteral: true))
      }
    }
    if Self.isOneExpansion(value) {
      return [.init(word, source: .unknown, pinned: false)]
    }
    return [read(word)]
  }

  private func read(_ word: ShellWord) -> RequestedPackage {
    read(word, as: notation)
  }

  private func read(
    _ word: ShellWord, as notation: (String) -> (String, String?, RequestedPackage.Source, Bool)
  ) -> RequestedPackage {
    let (name, version, source, pinned) = notation(word.value)
    var package = RequestedPackage(
      word: word, name: name, version: version, source: source, isPinned: pinned)
    if manager == .apt, source == .registry, !pinned {
      package.release = Self.aptRelease(word.value) ?? targetRelease
    }
    return package
  }

  /// apt's `-t`/`--target-release`/`--default-release` (also as `-o APT::Default-Release=…`).
  private var targetRelease: String? {
    if let word = arguments.value("-t", "--target-release", "--default-release") {
      return word.value
    }
    for word in arguments.values("-o", "--option") {
      let setting = word.value
      if setting.lowercased().hasPrefix("apt::default-release=") {
        return String(setting.drop(while: { $0 != "=" }).dropFirst())
      }
    }
    return nil
  }

  /// The `release` of apt's `name/release`.
  static func aptRelease(_ text: String) -> String? {
    guard !text.utf8.contains(UInt8(ascii: "=")),
      let slash = text.utf8.firstIndex(of: UInt8(ascii: "/"))
    else { return nil }
    let release = text[text.index(after: slash)...]
    return release.isEmpty ? nil : String(release)
  }

  private var notation: (String) -> (String, String?, RequestedPackage.Source, Bool) {
    switch manager {
    case .apt: return Self.apt
    case .apk: return Self.apk
    case .dnf, .yum:
      if verb.hasPrefix("group") || verb == "groupinstall" { return Self.group }
      if verb == "module install" { return Self.module }
      return Self.rpm
    case .zypper: return Self.zypper
    case .pip:
      // Constraints fix the versions; `--no-index` installs only what `--find-links` holds.
      let constrained = arguments.has("-c", "--constraint", "--no-index")
      return { text in
        var read = Self.pip(text)
        if constrained && read.2 == .registry { read.3 = true }
        return read
      }
    case .npm, .yarn, .pnpm: return Self.npm
    case .gem:
      let versioned = arguments.has("-v", "--version")
      return { text in
        var read = Self.gem(text)
        if versioned && read.2 == .registry { read.3 = true }
        return read
      }
    case .go: return Self.go
    case .conda: return Self.conda
    case .cargo:
      let versioned = arguments.has("--version", "--vers")
      return { text in
        var read = Self.cargo(text)
        if versioned && read.2 == .registry { read.3 = true }
        return read
      }
    }
  }

  // MARK: - Notations

  typealias Reading = (String, String?, RequestedPackage.Source, Bool)

  /// `name[:arch][=version]`, `name/release`, `./x.deb`.
  static func apt(_ text: String) -> Reading {
    if let local = localFile(text, extensions: [".deb"]) { return local }
    if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
      return (String(text[..<equals]), String(text[text.index(after: equals)...]), .registry, true)
    }
    // `name/release` picks a release (a suite), not a version.
    if let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) {
      return (String(text[..<slash]), nil, .registry, false)
    }
    return (text, nil, .registry, false)
  }

  /// `name[@tag][=|~|>|<]version`, `./x.apk`.
  static func apk(_ text: String) -> Reading {
    if let local = localFile(text, extensions: [".apk"]) { return local }
    if let operatorIndex = text.utf8.firstIndex(where: {
      $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "<")
        || $0 == UInt8(ascii: ">")
    }) {
      let name = text[..<operatorIndex].split(separator: "@").first.map(String.init) ?? ""
      return (name, String(text[operatorIndex...]), .registry, true)
    }
    let name = text.split(separator: "@").first.map(String.init) ?? text
    return (name, nil, .registry, false)
  }

  /// `name-version[-release][.arch]` (the last dash-separated part starts with a digit or is
  /// a variable), `name >= version`, `./x.rpm`, a URL, `@group`.
  static func rpm(_ text: String) -> Reading {
    if let local = localFile(text, extensions: [".rpm"]) { return local }
    if text.hasPrefix("@") { return group(String(text.dropFirst())) }
    if let operatorIndex = text.utf8.firstIndex(where: {
      $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
    }) {
      let name = text[..<operatorIndex].trimmingSuffix(while: { $0 == " " })
      return (name, String(text[operatorIndex...]), .registry, true)
    }
    // name-version-release: the version starts at the last or second-to-last dash.
    let dashes = topLevelDashes(text)
    func startsVersion(_ dash: String.Index) -> Bool {
      let first = text[text.index(after: dash)...].first
      return first.map { $0.isNumber || $0 == "$" } ?? false
    }
    if let last = dashes.last, startsVersion(last) {
      let start =
        dashes.count > 1 && startsVersion(dashes[dashes.count - 2])
        ? dashes[dashes.count - 2] : last
      return (String(text[..<start]), String(text[text.index(after: start)...]), .registry, true)
    }
    return (text, nil, .registry, false)
  }

  /// zypper takes `name=version`, `name>=version` and RPM's `name-version`.
  static func zypper(_ text: String) -> Reading { rpm(text) }

  static func group(_ text: String) -> Reading { (text, nil, .group, true) }

  /// `dnf module install name:stream[/profile]`: the stream is the version.
  static func module(_ text: String) -> Reading {
    let name = text.hasPrefix("@") ? String(text.dropFirst()) : text
    guard let colon = name.firstIndex(of: ":") else { return (name, nil, .registry, false) }
    return (String(name[..<colon]), String(name[name.index(after: colon)...]), .registry, true)
  }

  static let pipOperators = ["===", "==", "!=", "~=", ">=", "<=", ">", "<", "@"]

  /// PEP 508: `name[extras] op version[; marker]`, `name @ url`; checkouts
  /// (`git+https://…@ref`), downloads, wheels and sdists, folders.
  static func pip(_ text: String) -> Reading {
    if let vcs = vcsCheckout(text) { return vcs }
    if text.includes("://") { return (text, nil, .url, true) }
    if let local = localFile(text, extensions: [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"]) {
      return local
    }
    // A bare path names a folder (`pip install src/lib`, `.[dev]`, `./lib[test]`).
    if text.contains("/") && !text.contains("=") && !text.contains("@") {
      return (text, nil, .directory, true)
    }
    if text.hasPrefix(".[") || text.hasPrefix("..[") { return (text, nil, .directory, true) }
    let base = text.split(separator: ";", maxSplits: 1).first.map(String.init) ?? text
    for symbol in pipOperators {
      if let range = base.byteRange(of: symbol) {
        var name = String(base[..<range.lowerBound]).trimmingSuffix(while: { $0 == " " })
        if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
        return (name, String(base[range.lowerBound...]), .registry, true)
      }
    }
    var name = base
    if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
    return (name, nil, .registry, false)
  }

  /// `-e .`, `-e ./lib`, `-e git+https://…#egg=x`.
  static func pipEditable(_ text: String) -> Reading {
    if let vcs = vcsCheckout(text) { return vcs }
    if text.includes("://") { return (text, nil, .url, true) }
    return (text, nil, .directory, true)
  }

  /// `git+https://host/x.git@ref`: pinned when a ref follows the path.
  static func vcsCheckout(_ text: String) -> Reading? {
    let schemes = ["git+", "hg+", "svn+", "bzr+", "git://"]
    guard schemes.contains(where: { text.hasPrefix($0) }) else { return nil }
    let withoutFragment = text.split(separator: "#", maxSplits: 1).first ?? Substring(text)
    let path = withoutFragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst(3)
      .joined(separator: "/")
    return (text, nil, .vcs, path.contains("@"))
  }

  /// `name@version`, `@scope/name@version`, dist-tags (`@latest`, not pinned), checkouts
  /// (`git+https://…#ref`, `github:user/repo#ref`, `user/repo`), tarballs, folders.
  static func npm(_ text: String) -> Reading {
    let gitPrefixes = ["git:", "git+", "github:", "gitlab:", "bitbucket:", "gist:"]
    if gitPrefixes.contains(where: { text.hasPrefix($0) }) {
      return (text, nil, .vcs, text.contains("#"))
    }
    if text.hasPrefix("http://") || text.hasPrefix("https://") { return (text, nil, .url, true) }
    if text.hasPrefix("file:") { return (text, nil, .directory, true) }
    if let local = localFile(text, extensions: [".tgz", ".tar.gz", ".tar"]) { return local }
    let unscoped = text.hasPrefix("@") ? String(text.dropFirst()) : text
    if !text.hasPrefix("@"), text.contains("/") {
      // `user/repo` is a GitHub checkout.
      return (text, nil, .vcs, text.contains("#"))
    }
    guard let at = unscoped.lastIndex(of: "@") else { return (text, nil, .registry, false) }
    let name = (text.hasPrefix("@") ? "@" : "") + unscoped[..<at]
    let version = String(unscoped[unscoped.index(after: at)...])
    return (name, version, .registry, isVersion(version))
  }

  /// A version or range (`1.2.3`, `^1`, `~1.2`, `>=1 <2`, `v2`, `$VERSION`), not a tag
  /// (`latest`, `next`) or a wildcard (`*`, `x`).
  static func isVersion(_ text: String) -> Bool {
    guard let first = text.first else { return false }
    if first.isNumber || "^~<>=$".contains(first) { return true }
    return first == "v" && text.dropFirst().first?.isNumber == true
  }

  /// `name:version` (the `-v` option is applied by the caller), `./x.gem`.
  static func gem(_ text: String) -> Reading {
    if let local = localFile(text, extensions: [".gem"]) { return local }
    if let colon = text.firstIndex(of: ":") {
      return (String(text[..<colon]), String(text[text.index(after: colon)...]), .registry, true)
    }
    return (text, nil, .registry, false)
  }

  /// `path@version`; `@latest`, `@none` and branch names float. Local packages (`.`,
  /// `./cmd/x`, `...` patterns) are the module being built.
  static func go(_ text: String) -> Reading {
    if text == "." || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("/")
      || ["all", "std", "cmd", "..."].contains(text)
    {
      return (text, nil, .directory, true)
    }
    // Module paths start with a domain (`github.com/…`, `golang.org/…`); a first element
    // without a dot is the standard library or a package of the module being built.
    let path = text.split(separator: "@", maxSplits: 1).first.map(String.init) ?? text
    let first = path.split(separator: "/", maxSplits: 1).first ?? ""
    if !first.contains(".") && !first.contains("$") { return (text, nil, .directory, true) }
    guard let at = text.lastIndex(of: "@") else { return (text, nil, .registry, false) }
    let version = String(text[text.index(after: at)...])
    let floating = ["latest", "none", "master", "main", "head", "upgrade", "patch"]
    return (String(text[..<at]), version, .registry, !floating.contains(version.lowercased()))
  }

  /// `name=version`, `name==version`, `name>=version`, `"name 1.2"`, `channel::name`, a
  /// package file or URL.
  static func conda(_ text: String) -> Reading {
    if text.includes("://") { return (text, nil, .url, true) }
    if let local = localFile(text, extensions: [".tar.bz2", ".conda"]) { return local }
    let unqualified = text.split(separator: "::").last.map(String.init) ?? text
    if let operatorIndex = unqualified.firstIndex(where: { "=<>!~ [".contains($0) }) {
      return (
        String(unqualified[..<operatorIndex]), String(unqualified[operatorIndex...]), .registry,
        true
      )
    }
    return (unqualified, nil, .registry, false)
  }

  /// `name@version`.
  static func cargo(_ text: String) -> Reading {
    guard let at = text.firstIndex(of: "@") else { return (text, nil, .registry, false) }
    return (String(text[..<at]), String(text[text.index(after: at)...]), .registry, true)
  }

  // MARK: - Helpers

  /// A package file or folder given by path (`./x.deb`, `/tmp/x.rpm`, `dist/x.whl`, `.`).
  static func localFile(_ text: String, extensions: [String]) -> Reading? {
    // Byte-wise, case-insensitive: every package word of every install passes here.
    func endsWith(_ suffix: String) -> Bool {
      let bytes = text.utf8
      guard bytes.count >= suffix.utf8.count else { return false }
      return zip(bytes.suffix(suffix.utf8.count), suffix.utf8).allSatisfy {
        ((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0) == $1
      }
    }
    if extensions.contains(where: endsWith) {
      return (text, nil, text.includes("://") ? .url : .file, true)
    }
    if text.includes("://") { return (text, nil, .url, true) }
    if text == "." || text == ".." || text.hasPrefix("./") || text.hasPrefix("../")
      || text.hasPrefix("/") || text.hasPrefix("~/")
    {
      return (text, nil, .directory, true)
    }
    return nil
  }

  /// The `-`s outside `$(…)` and `${…}`.
  static func topLevelDashes(_ text: String) -> [String.Index] {
    var depth = 0
    var dashes: [String.Index] = []
    var index = text.startIndex
    while index != text.endIndex {
      let character = text[index]
      if character == "$", text.index(after: index) != text.endIndex,
        "({".contains(text[text.index(after: index)])
      {
        depth += 1
        index = text.index(after: index)
      } else if depth > 0 && (character == ")" || character == "}") {
        depth -= 1
      } else if depth == 0 && character == "-" {
        dashes.append(index)
      }
      index = text.index(after: index)
    }
    return dashes
  }

  /// True when `text` is one expansion and nothing else (`$X`, `${X}`, `$(…)`, `` `…` ``).
  static func isOneExpansion(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first else { return false }
    if first == UInt8(ascii: "`") { return bytes.count > 1 && bytes.last == first }
    guard first == UInt8(ascii: "$"), bytes.count > 1 else { return false }
    let second = bytes[1]
    if second == UInt8(ascii: "{") || second == UInt8(ascii: "(") {
      let close = second == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
      var depth = 0
      for (offset, byte) in bytes.enumerated().dropFirst() {
        if byte == second { depth += 1 }
        if byte == close {
          depth -= 1
          if depth == 0 { return offset == bytes.count - 1 }
        }
      }
      return false
    }
    return bytes.dropFirst().allSatisfy {
      $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
        || (0x61...0x7A).contains($0)
    }
  }
}

extension RequestedPackage {
  init(_ word: ShellWord, source: Source, pinned: Bool) {
    self.init(word: word, name: word.value, version: nil, source: source, isPinned: pinned)
  }
}

extension StringProtocol {
  fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
    var text = String(self)
    while let last = text.last, predicate(last) { text.removeLast() }
    return text
  }
}
