import DockerfileSyntax

/// What a file mode (`chmod` operand, `COPY --chmod=` value) grants.
public struct FileMode: Sendable, Equatable {
  /// True when users other than the owner and group may write (`777`, `o+w`, `a=rwx`).
  public var othersMayWrite: Bool
  /// True when the sticky bit is set (`1777`, `+t`): in a shared folder, only a file's owner
  /// may delete it, as in `/tmp`.
  public var sticky: Bool

  /// Reads an octal (`0777`, `1777`) or symbolic (`u+x,o+w`, `a=rwx`) mode; nil when it is
  /// neither (a variable, `--reference`).
  public init?(_ text: String) {
    if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x37).contains($0) }) {
      guard text.count <= 5, let value = Int(text, radix: 8) else { return nil }
      othersMayWrite = value & 0o002 != 0
      sticky = value & 0o1000 != 0
      return
    }
    var writable = false
    var sticky = false
    for clause in text.split(separator: ",") {
      let who = clause.prefix { "ugoa".contains($0) }
      let rest = clause.dropFirst(who.count)
      guard let operation = rest.first, "+-=".contains(operation) else { return nil }
      let permissions = rest.dropFirst()
      guard permissions.allSatisfy({ "rwxXstugo+-=".contains($0) }) else { return nil }
      // Without `o` or `a`, `+w` is masked by the umask (022 by default) for others.
      let others = who.contains("o") || who.contains("a")
      if operation != "-", others, permissions.contains("w") { writable = true }
      if operation != "-", permissions.contains("t") { sticky = true }
    }
    othersMayWrite = writable
    self.sticky = sticky
  }
}

/// `chmod [-R] MODE PATH…` as a change of permissions.
public struct PermissionChange: Sendable {
  public var mode: FileMode
  /// The mode word.
  public var word: ShellWord
  public var targets: [ShellWord]
  public var recursive: Bool
}

extension ShellCommand {
  /// The permissions this `chmod` sets, nil for other commands or modes it cannot read.
  public var permissionChange: PermissionChange? {
    guard program == "chmod" else { return nil }
    let arguments = parsedArguments
    guard let modeWord = arguments.operands.first, modeWord.isLiteral,
      let mode = FileMode(modeWord.value)
    else { return nil }
    return PermissionChange(
      mode: mode, word: modeWord, targets: Array(arguments.operands.dropFirst()),
      recursive: arguments.has("-R", "--recursive"))
  }
}
