import LintEngine

/// `--help`, `ballast COMMAND --help` and the man page, written from `CommandTable`.
enum HelpText {
  static let tagline = "find the dead weight (and the bugs) in Dockerfiles"

  static let exitStatus = """
    0 no finding at or above the failure threshold; 1 findings; 2 a usage, configuration or \
    input error. Usage and configuration errors are reported before anything is linted, with \
    nothing on standard output; an unreadable file is reported and the other files are still \
    linted (2 wins over 1).
    """

  static let examples = [
    "ballast Dockerfile",
    "ballast --format sarif . > ballast.sarif",
    "cat Dockerfile | ballast --stdin-filename Dockerfile -f gnu -",
    "ballast --select BL1 --failure-threshold warning services/",
    "ballast --fix --unsafe-fixes Dockerfile",
    "ballast --diff . | git apply",
  ]

  static let optionNotes = [
    ("--", "what follows is paths, even when it starts with -")
  ]

  /// The synopsis `--help` shows for a command; lint's name is optional.
  static func synopsis(_ command: CommandSpec) -> String {
    command.name == CommandTable.lint.name
      ? command.synopsis.replacingFirst("ballast lint", with: "ballast [lint]") : command.synopsis
  }

  /// `ballast --help`.
  static var general: String {
    var text = "ballast: \(tagline)\n\nusage:\n"
    let width = CommandTable.commands.map { synopsis($0).count }.max() ?? 0
    for command in CommandTable.commands {
      text += "  " + synopsis(command).padding(to: width) + "   " + command.summary + "\n"
    }
    text += "\nlint options:\n" + optionList(CommandTable.lint.options, notes: optionNotes)
    text += "\n" + wrap("exit status: " + exitStatus, width: 96, indent: "  ").dropFirst(2) + "\n"
    text += "\nexamples:\n" + examples.map { "  \($0)\n" }.joined()
    text += "\n`ballast COMMAND --help` shows a command's options.\n"
    return text
  }

  /// `ballast COMMAND --help`.
  static func command(_ command: CommandSpec) -> String {
    var text = "usage: \(command.synopsis)\n\n\(command.summary)\n\noptions:\n"
    text += optionList(command.options, notes: command.name == "lint" ? optionNotes : [])
    if !command.notes.isEmpty { text += "\n" + command.notes + "\n" }
    return text
  }

  static func optionList(_ options: [OptionSpec], notes: [(String, String)]) -> String {
    let rows = options.map { ($0.synopsis, $0.fullHelp) } + notes
    let width = min(30, (rows.map(\.0.count).max() ?? 0) + 2)
    var text = ""
    for (synopsis, help) in rows {
      let indent = String(repeating: " ", count: width + 2)
      let body = wrap(help, width: 96, indent: indent)
      if synopsis.count + 2 > width {
        text += "  \(synopsis)\n" + body + "\n"
      } else {
        text += "  " + synopsis.padding(to: width) + body.dropFirst(width + 2) + "\n"
      }
    }
    return text
  }

  /// Greedy word wrap; every line starts with `indent`.
  static func wrap(_ text: String, width: Int, indent: String) -> String {
    var lines: [String] = []
    var line = indent
    for word in text.split(separator: " ") {
      if line.count > indent.count, line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
      }
      line += (line.count > indent.count ? " " : "") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// The man page in roff.
  static func manPage(version: String, catalog: RuleCatalog) -> String {
    var page = ".TH BALLAST 1 \"\" \"ballast \(version)\" \"User Commands\"\n"
    page += ".SH NAME\nballast \\- \(roff(tagline))\n.SH SYNOPSIS\n.nf\n"
    for command in CommandTable.commands { page += roff(synopsis(command)) + "\n" }
    page += ".fi\n.SH COMMANDS\n"
    for command in CommandTable.commands {
      page += ".TP\n.B \(roff(command.name))\n\(roff(command.summary))\n"
    }
    for command in CommandTable.commands where command.options.count > 1 {
      let title = command.name == "lint" ? "OPTIONS" : "\"\(command.name.uppercased()) OPTIONS\""
      page += ".SH \(title)\n"
      let notes = command.name == "lint" ? optionNotes : []
      for (synopsis, help) in command.options.map({ ($0.synopsis, $0.fullHelp) }) + notes {
        page += ".TP\n.B \(roff(synopsis))\n\(roff(help))\n"
      }
    }
    page += ".SH \"EXIT STATUS\"\n\(roff(exitStatus))\n.SH EXAMPLES\n.nf\n"
    page += examples.map { roff($0) + "\n" }.joined()
    page += ".fi\n.SH RULES\n.nf\n"
    for descriptor in catalog.descriptors {
      page += roff("\(descriptor.id) \(descriptor.name): \(descriptor.summary)") + "\n"
    }
    page += ".fi\n.SH \"SEE ALSO\"\nballast explain RULE prints a rule's full page.\n"
    return page
  }

  /// Escapes for roff: backslashes, hyphens (so options are not hyphenated or turned into
  /// dashes) and a leading dot or quote, which would start a request.
  static func roff(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "\\": escaped += "\\e"
      case "-": escaped += "\\-"
      default: escaped.append(character)
      }
    }
    if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
    return escaped
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  func replacingFirst(_ target: String, with replacement: String) -> String {
    hasPrefix(target) ? replacement + dropFirst(target.count) : self
  }
}
