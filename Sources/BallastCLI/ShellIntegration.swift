import LintEngine
import LintFormatters

/// `ballast completions bash|zsh|fish` and `ballast man`, generated from the same option list
/// and help text as `--help`, so they cannot fall out of step.
enum ShellIntegration {
  static let commands = ["lint", "rules", "explain", "config", "parse", "completions", "man"]
  static let options = [
    "--format", "--color", "--failure-threshold", "--ignore", "--select", "--only",
    "--severity-override", "--config", "--no-config", "--stdin-filename", "--jobs", "--help",
    "--version",
  ]

  static func completions(_ arguments: [String], into result: inout CommandResult) {
    let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: " ")
    let rules = LintCommand.linter.catalog.descriptors.flatMap { [$0.id, $0.name] }.joined(
      separator: " ")
    let levels = "error warning info style none"
    switch arguments.first {
    case "bash":
      result.output += """
        # bash completion for ballast: source <(ballast completions bash)
        _ballast() {
          local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
          case "$prev" in
            -f|--format) COMPREPLY=($(compgen -W "\(formats) buildkit" -- "$cur")); return ;;
            --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
            --failure-threshold) COMPREPLY=($(compgen -W "\(levels)" -- "$cur")); return ;;
            --ignore|--select|--only|explain) COMPREPLY=($(compgen -W "\(rules)" -- "$cur")); return ;;
            completions) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
            --config|--stdin-filename) COMPREPLY=($(compgen -f -- "$cur")); return ;;
          esac
          if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "\(options.joined(separator: " "))" -- "$cur"))
          elif [[ $COMP_CWORD -eq 1 ]]; then
            COMPREPLY=($(compgen -W "\(commands.joined(separator: " "))" -- "$cur") $(compgen -f -- "$cur"))
          else
            COMPREPLY=($(compgen -f -- "$cur"))
          fi
        }
        complete -F _ballast ballast

        """
    case "zsh":
      result.output += """
        #compdef ballast
        # zsh completion for ballast: ballast completions zsh > "${fpath[1]}/_ballast"
        _arguments \\
          '1:command:(\(commands.joined(separator: " ")))' \\
          '(-f --format)'{-f,--format}'[output format]:format:(\(formats) buildkit)' \\
          '--color[colour in text output]:when:(auto always never)' \\
          '--failure-threshold[lowest severity that fails]:level:(\(levels))' \\
          '*--ignore[switch a rule off]:rule:(\(rules))' \\
          '*--select[run only these rules]:rule:(\(rules))' \\
          '*--only[run only these rules]:rule:(\(rules))' \\
          '*--severity-override[RULE=LEVEL]:override:' \\
          '--config[configuration file]:file:_files' \\
          '--no-config[ignore .ballast.json files]' \\
          '--stdin-filename[name for standard input]:file:_files' \\
          '*:file:_files'

        """
    case "fish":
      result.output += """
        # fish completion for ballast: ballast completions fish > ~/.config/fish/completions/ballast.fish
        complete -c ballast -n __fish_use_subcommand -a '\(commands.joined(separator: " "))'
        complete -c ballast -s f -l format -x -a '\(formats) buildkit'
        complete -c ballast -l color -x -a 'auto always never'
        complete -c ballast -l failure-threshold -x -a '\(levels)'
        complete -c ballast -l ignore -x -a '\(rules)'
        complete -c ballast -l select -x -a '\(rules)'
        complete -c ballast -l only -x -a '\(rules)'
        complete -c ballast -l severity-override -x
        complete -c ballast -l config -r -F
        complete -c ballast -l no-config
        complete -c ballast -l stdin-filename -r -F
        complete -c ballast -n '__fish_seen_subcommand_from explain' -x -a '\(rules)'
        complete -c ballast -n '__fish_seen_subcommand_from completions' -x -a 'bash zsh fish'

        """
    default:
      result.errors += "ballast completions: give bash, zsh or fish\n"
      result.status = ExitStatus.failure
    }
  }

  /// A man page in roff, built from the `--help` text.
  static func manPage(into result: inout CommandResult) {
    var page = ".TH BALLAST 1 \"\" \"ballast \(BallastCommand.version)\" \"User Commands\"\n"
    page += ".SH NAME\nballast \\- find the dead weight (and the bugs) in Dockerfiles\n"
    let lines = BallastCommand.usage.split(separator: "\n", omittingEmptySubsequences: false)
      .dropFirst()
    for line in lines {
      let text = String(line)
      if text.hasSuffix(":") && !text.hasPrefix(" ") {
        page += ".SH " + text.dropLast().uppercased() + "\n.nf\n"
      } else {
        page += roffEscaped(text) + "\n"
      }
    }
    page += ".fi\n.SH RULES\n.nf\n"
    for descriptor in LintCommand.linter.catalog.descriptors {
      page += roffEscaped("\(descriptor.id) \(descriptor.name): \(descriptor.summary)") + "\n"
    }
    page += ".fi\n.SH SEE ALSO\nballast explain RULE prints a rule's full page.\n"
    result.output += page
  }

  static func roffEscaped(_ text: String) -> String {
    var escaped = ""
    for character in text {
      if character == "\\" { escaped += "\\e" } else { escaped.append(character) }
    }
    if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
    return escaped
  }
}
