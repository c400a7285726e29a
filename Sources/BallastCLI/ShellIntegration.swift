import LintEngine

/// `ballast completions bash|zsh|fish`, written from `CommandTable` like `--help` and the man
/// page, so a shell offers exactly the options and values each command accepts.
enum ShellIntegration {
  static var catalog: RuleCatalog { LintCommand.linter.catalog }
  static var commandNames: String { CommandTable.commands.map(\.name).joined(separator: " ") }

  static func completions(_ shell: String) -> String {
    switch shell {
    case "bash": return bash()
    case "zsh": return zsh()
    default: return fish()
    }
  }

  // MARK: bash

  static func bash() -> String {
    var valueCases = ""
    var optionCases = ""
    var operandCases = ""
    for command in CommandTable.commands {
      for option in command.options {
        guard let value = option.value else { continue }
        let patterns = spellings(option).map { "\"\(command.name) \($0)\"" }.joined(separator: "|")
        valueCases += "    \(patterns)) \(bashReply(value.kind)); return ;;\n"
      }
      let words = command.options.flatMap(spellings).joined(separator: " ")
      optionCases +=
        "      \(command.name)) COMPREPLY=($(compgen -W \"\(words)\" -- \"$cur\")) ;;\n"
      if command.operands.maximum != 0 {
        operandCases += "      \(command.name)) \(bashReply(command.operands.kind)) ;;\n"
      }
    }
    return """
      # bash completion for ballast: source <(ballast completions bash)
      _ballast() {
        local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command=lint
        # `--opt=value`: bash splits the word at `=`.
        if [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi
        case " \(commandNames) " in
          *" ${COMP_WORDS[1]} "*) [[ $COMP_CWORD -gt 1 ]] && command=${COMP_WORDS[1]} ;;
        esac
        case "$command $prev" in
      \(valueCases)  esac
        if [[ $cur == -* ]]; then
          case $command in
      \(optionCases)    esac
        elif [[ $COMP_CWORD -eq 1 ]]; then
          COMPREPLY=($(compgen -W "\(commandNames)" -- "$cur") $(compgen -f -- "$cur"))
        else
          case $command in
      \(operandCases)      *) COMPREPLY=() ;;
          esac
        fi
      }
      complete -F _ballast ballast

      """
  }

  static func spellings(_ option: OptionSpec) -> [String] {
    (option.short.map { ["-\($0)"] } ?? []) + option.names.map { "--\($0)" }
  }

  static func bashReply(_ kind: ValueKind) -> String {
    if kind == .folder { return "COMPREPLY=($(compgen -d -- \"$cur\"))" }
    guard let words = kind.completions(catalog: catalog) else {
      return "COMPREPLY=($(compgen -f -- \"$cur\"))"
    }
    return "COMPREPLY=($(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\"))"
  }

  // MARK: zsh

  static func zsh() -> String {
    let described = CommandTable.commands.map { "    '\($0.name):\(zshQuoted($0.summary))'" }
    var cases = ""
    for command in CommandTable.commands {
      var specs = command.options.map(zshSpec)
      switch (command.operands.minimum, command.operands.maximum) {
      case (_, 0): break
      case (_, nil): specs.append("'*:\(zshAction(command.operands))'")
      case (0, _): specs.append("'::\(zshAction(command.operands))'")
      default: specs.append("'1:\(zshAction(command.operands))'")
      }
      let first =
        command.name == CommandTable.lint.name
        ? """
              if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
                _describe -t commands command commands
                _files
                return
              fi

        """ : ""
      cases += "    \(command.name))\n\(first)      _arguments -s -S \\\n"
      cases += specs.map { "        \($0)" }.joined(separator: " \\\n") + "\n      ;;\n"
    }
    return """
      #compdef ballast
      # zsh completion for ballast: ballast completions zsh > "${fpath[1]}/_ballast"
      _ballast() {
        local -a commands
        commands=(
      \(described.joined(separator: "\n"))
        )
        local command=lint
        if (( CURRENT > 2 )) && (( ${commands[(I)${words[2]}:*]} )); then
          command=$words[2]
          shift words
          (( CURRENT-- ))
        fi
        case $command in
      \(cases)  esac
      }
      _ballast "$@"

      """
  }

  static func zshSpec(_ option: OptionSpec) -> String {
    let help = "[\(zshQuoted(option.help))]"
    let takes = option.value != nil
    var forms = option.names.map { "--\($0)" + (takes ? "=" : "") }
    if let short = option.short { forms.insert("-\(short)" + (takes ? "+" : ""), at: 0) }
    let all = spellings(option)
    let exclusion = option.repeatable ? "*" : "(\(all.joined(separator: " ")))"
    let action = option.value.map { ":" + zshAction($0.kind, $0.placeholder) } ?? ""
    if forms.count == 1 { return "'\(exclusion)\(forms[0])\(help)\(action)'" }
    return "'\(exclusion)'{\(forms.joined(separator: ","))}'\(help)\(action)'"
  }

  static func zshAction(_ operands: OperandSpec) -> String {
    zshAction(operands.kind, operands.placeholder)
  }

  /// `message:action`; the message is the placeholder (`format`, `rule`).
  static func zshAction(_ kind: ValueKind, _ placeholder: String) -> String {
    let message = placeholder.lowercased().filter { $0.isLetter || $0 == "=" }
    if kind == .folder { return "\(message):_directories" }
    guard let words = kind.completions(catalog: catalog) else { return "\(message):_files" }
    if words.isEmpty { return "\(message): " }
    return "\(message):(\(words.joined(separator: " ")))"
  }

  /// Text inside a single-quoted `_arguments` spec: brackets and colons are syntax there.
  static func zshQuoted(_ text: String) -> String {
    var quoted = ""
    for character in text {
      switch character {
      case "'": quoted += "'\\''"
      case "[", "]", ":", "\\": quoted += "\\" + String(character)
      default: quoted.append(character)
      }
    }
    return quoted
  }

  // MARK: fish

  static func fish() -> String {
    var lines = """
      # fish completion for ballast: ballast completions fish > ~/.config/fish/completions/ballast.fish
      function __ballast_command
          set -l words (commandline -opc)
          set -l command lint
          if set -q words[2]; and contains -- $words[2] \(commandNames)
              set command $words[2]
          end
          test "$command" = "$argv[1]"
      end
      complete -c ballast -n __fish_use_subcommand -a '\(commandNames)'

      """
    for command in CommandTable.commands {
      let condition = "-n '__ballast_command \(command.name)'"
      for option in command.options {
        var line = "complete -c ballast \(condition)"
        if let short = option.short { line += " -s \(short)" }
        line += option.names.map { " -l \($0)" }.joined()
        if let value = option.value {
          if value.kind == .folder {
            line += " -x -a '(__fish_complete_directories)'"
          } else if let words = value.kind.completions(catalog: catalog) {
            line += " -x -a '\(words.joined(separator: " "))'"
          } else {
            line += " -r -F"
          }
        }
        lines += line + " -d '\(fishQuoted(option.help))'\n"
      }
      if command.operands.maximum != 0,
        let words = command.operands.kind.completions(catalog: catalog)
      {
        lines += "complete -c ballast \(condition) -x -a '\(words.joined(separator: " "))'\n"
      }
    }
    return lines
  }

  static func fishQuoted(_ text: String) -> String {
    var quoted = ""
    for character in text {
      if character == "'" || character == "\\" { quoted += "\\" }
      quoted.append(character)
    }
    return quoted
  }
}
