import DockerfileSyntax

/// A password a RUN gives a user account: `echo 'root:pw' | chpasswd`,
/// `echo pw | passwd --stdin app`, `useradd -p HASH app`, `chpasswd <<< "app:pw"`.
public struct AccountPassword: Sendable {
  /// The word holding the password (or `user:password`, or the hash).
  public var word: ShellWord
  /// The password as written, without the user name (may be a `$VARIABLE`).
  public var password: String
  /// The program setting it (`chpasswd`, `passwd`, `useradd`).
  public var program: String
  /// True for a crypt hash (`chpasswd -e`, `useradd -p`).
  public var isHash: Bool
  /// True when the password is written out (no variable in it).
  public var isLiteral: Bool
}

extension ShellScript {
  /// Passwords set from text the Dockerfile holds (literally or through variables). A
  /// password read from a file (`chpasswd < /run/secrets/pw`) is not one.
  public var accountPasswords: [AccountPassword] {
    var found: [AccountPassword] = []
    for (index, command) in commands.enumerated() {
      let family = command.program
      switch family {
      case "chpasswd", "passwd":
        let isHash = family == "chpasswd" && command.parsedArguments.has("-e", "--encrypted")
        var sources: [ShellWord] = []
        // Piped in from echo/printf.
        if command.separator == "|", index > 0 {
          let writer = commands[index - 1]
          if writer.program == "echo" || writer.program == "printf" {
            sources += writer.parsedArguments.operands
          }
        }
        // A here-string (`<<< "root:pw"`): redirection targets holding a `user:pw` pair.
        sources += command.redirections.filter { $0.value.contains(":") && family == "chpasswd" }
        for word in sources {
          for password in Self.passwords(in: word.value, pairs: family == "chpasswd") {
            found.append(
              AccountPassword(
                word: word, password: password, program: family, isHash: isHash,
                isLiteral: word.isLiteral))
          }
        }
      case "useradd", "usermod":
        let arguments = command.parsedArguments
        guard let value = arguments.value("-p", "--password") else { continue }
        if let openssl = value.substitutedCommands.first(where: { $0.program == "openssl" }),
          let plain = openssl.parsedArguments.operands.last, plain.value != "passwd"
        {
          found.append(
            AccountPassword(
              word: value, password: plain.value, program: family, isHash: false,
              isLiteral: plain.isLiteral))
        } else if value.isLiteral, !["", "*", "!", "!!", "x"].contains(value.value) {
          found.append(
            AccountPassword(
              word: value, password: value.value, program: family, isHash: true, isLiteral: true))
        }
      default:
        continue
      }
    }
    return found
  }

  /// The passwords in echo'd text: `user:pw` pairs for chpasswd (one per line, `\n` escapes
  /// included), the lines themselves for passwd. Locked (`*`, `!`) and empty ones are not.
  static func passwords(in text: String, pairs: Bool) -> [String] {
    let lines = text.replacingAll("\\n", with: "\n").split(separator: "\n").map(String.init)
    return lines.compactMap { line in
      var password = line
      if pairs {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        password = String(line[line.index(after: colon)...])
      }
      guard !password.isEmpty, !["*", "!", "!!"].contains(password) else { return nil }
      return password
    }
  }
}

extension AccountPassword {
  /// This password as a secret output must mask (nil when it is a variable: its value is
  /// not written here).
  var secret: SecretValue? {
    guard isLiteral else { return nil }
    var hidden = word.range
    // When the word is its own text, only the password part is hidden.
    if word.range.length == word.value.utf8.count,
      let found = word.value.utf8.firstRange(of: Array(password.utf8))
    {
      let offset = word.value.utf8.distance(from: word.value.utf8.startIndex, to: found.lowerBound)
      hidden = SourceRange(
        start: word.range.start + offset, end: word.range.start + offset + password.utf8.count)
    }
    return SecretValue(
      kind: "Password of a user account", range: word.range, hidden: hidden, masked: "****",
      forms: [(text: password, replacement: "****")], isAccountPassword: true)
  }
}
