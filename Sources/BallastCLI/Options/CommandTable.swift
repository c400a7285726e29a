import LintFormatters

/// Every command and option of `ballast`. Parsing, `--help`, the man page and the shell
/// completions are all generated from these values.
enum CommandTable {
  static let help = OptionSpec(long: "help", short: "h", help: "print this help and exit")
  static let version = OptionSpec(long: "version", short: "V", help: "print the version and exit")

  /// Options choosing the configuration; `lint` and `config --print` share them.
  static let configurationOptions: [OptionSpec] = [
    OptionSpec(
      long: "failure-threshold", short: "t",
      value: ValueSpec(placeholder: "LEVEL", kind: .level, defaultValue: "info"),
      help: "exit 1 only for findings at or above this severity",
      detail: "ignore is hadolint's name for style"),
    OptionSpec(
      long: "ignore", value: ValueSpec(placeholder: "RULE", kind: .rule),
      help: "switch a rule off (id or name; repeatable)", repeatable: true),
    OptionSpec(
      long: "select", aliases: ["only"], value: ValueSpec(placeholder: "RULE", kind: .ruleSelector),
      help: "run only these rules (id, id prefix such as BL1, or name; repeatable)",
      repeatable: true),
    OptionSpec(
      long: "severity-override", value: ValueSpec(placeholder: "RULE=LEVEL", kind: .ruleSeverity),
      help: "report a rule at another severity (repeatable)", repeatable: true),
    OptionSpec(
      long: "error", value: ValueSpec(placeholder: "RULE", kind: .rule),
      help: "report a rule as an error (hadolint's option; repeatable)", repeatable: true),
    OptionSpec(
      long: "warning", value: ValueSpec(placeholder: "RULE", kind: .rule),
      help: "report a rule as a warning (repeatable)", repeatable: true),
    OptionSpec(
      long: "info", value: ValueSpec(placeholder: "RULE", kind: .rule),
      help: "report a rule as info (repeatable)", repeatable: true),
    OptionSpec(
      long: "style", value: ValueSpec(placeholder: "RULE", kind: .rule),
      help: "report a rule as style (repeatable)", repeatable: true),
    OptionSpec(
      long: "no-fail", help: "exit 0 whatever is found (as --failure-threshold none)"),
    OptionSpec(
      long: "trusted-registry", value: ValueSpec(placeholder: "REGISTRY", kind: .text),
      help: "a registry whose images are vetted (adds to trustedRegistries; repeatable)",
      repeatable: true),
    OptionSpec(
      long: "require-label", value: ValueSpec(placeholder: "LABEL:FORMAT", kind: .labelFormat),
      help: "a label every image must carry, with its value's format (adds to labelSchema; "
        + "repeatable)",
      repeatable: true),
    OptionSpec(
      long: "strict-labels", help: "report labels --require-label or labelSchema does not name"),
    OptionSpec(
      long: "disable-ignore-pragma",
      help: "read no suppression comment (# ballast ignore=, # hadolint ignore=, …)"),
    OptionSpec(
      long: "target", value: ValueSpec(placeholder: "STAGE", kind: .text),
      help: "the stage built as the image (docker build --target): rules that judge the final "
        + "image judge it"),
    OptionSpec(
      long: "config", short: "c", value: ValueSpec(placeholder: "FILE", kind: .file),
      help: "use this configuration (.ballast.json, or hadolint's .yaml) instead of the nearest "
        + ".ballast.json",
      conflicts: ["no-config"]),
    OptionSpec(long: "no-config", help: "ignore .ballast.json files"),
    OptionSpec(
      long: "stdin-filename", value: ValueSpec(placeholder: "NAME", kind: .path),
      help: "the name to report for - (and where to look for configuration)"),
  ]

  static let lint = CommandSpec(
    name: "lint", summary: "lint files and folders (default: .), - for standard input",
    options: [
      OptionSpec(
        long: "format", short: "f",
        value: ValueSpec(
          placeholder: "FORMAT",
          kind: .choice(noun: "format", OutputFormat.names),
          defaultValue: "text"),
        help: "output format",
        detail: "tty and gitlab_codeclimate are hadolint's names for text and gitlab"),
      OptionSpec(
        long: "output", short: "o", value: ValueSpec(placeholder: "FILE", kind: .path),
        help: "write the report to FILE (replaced atomically) instead of standard output",
        conflicts: ["fix", "diff"]),
      OptionSpec(
        long: "sarif-file",
        value: ValueSpec(placeholder: "FILE", kind: .path, allowsEmpty: true),
        help: "also write a SARIF report to FILE (replaced atomically), whatever --format prints; "
          + "an empty FILE writes none",
        conflicts: ["fix", "diff"]),
      OptionSpec(
        long: "report-suppressed",
        help: "SARIF also lists the findings ignore comments suppress, with the comments' reasons "
          + "(GitHub code scanning opens alerts for them)"),
      OptionSpec(
        long: "file-path-in-report", value: ValueSpec(placeholder: "PATH", kind: .path),
        help: "the path the report names for the one file linted (as hadolint's option)"),
      OptionSpec(
        long: "color",
        value: ValueSpec(
          placeholder: "WHEN", kind: .choice(noun: "colour mode", ["auto", "always", "never"]),
          defaultValue: "auto"),
        help: "when to colour text output",
        detail: "auto means on a terminal, unless NO_COLOR is set or TERM=dumb"),
      OptionSpec(long: "no-color", help: "no colour (as --color never; hadolint's option)"),
    ] + configurationOptions + [
      OptionSpec(
        long: "jobs", short: "j", value: ValueSpec(placeholder: "N", kind: .positiveNumber),
        help: "worker threads (default: one per core); the output is the same for any N"),
      OptionSpec(
        long: "context", value: ValueSpec(placeholder: "DIR", kind: .folder),
        help: "the build context (default: the Dockerfile's folder, or the folder above it "
          + "holding what COPY names, as for `docker build -f dir/Dockerfile .`)",
        conflicts: ["no-context"]),
      OptionSpec(
        long: "no-context", help: "read nothing beside the Dockerfile, as for standard input"),
      OptionSpec(
        long: "shellcheck",
        help: "also run ShellCheck on RUN scripts (`shellcheck` on PATH, or shellcheck.path in "
          + ".ballast.json); its codes (SC2086) are reported at their place in the Dockerfile"),
      OptionSpec(
        long: "fix",
        help: "apply the safe fixes in place (the fixed text to standard output for -)",
        conflicts: ["diff"]),
      OptionSpec(
        long: "unsafe-fixes",
        help: "with --fix or --diff, also apply fixes that may change behaviour"),
      OptionSpec(
        long: "diff",
        help: "print the fixes as a unified diff for git apply and change nothing; exit 1 when "
          + "there is a change"),
      help, version,
    ],
    operands: OperandSpec(placeholder: "[PATH...]", kind: .path))

  static let rules = CommandSpec(
    name: "rules", summary: "list every rule",
    options: [
      OptionSpec(
        long: "format", short: "f",
        value: ValueSpec(
          placeholder: "FORMAT", kind: .choice(noun: "format", ["text", "json"]),
          defaultValue: "text"),
        help: "output format"),
      help,
    ],
    operands: .none)

  static let explain = CommandSpec(
    name: "explain", summary: "what a rule finds, why, and how to fix it (also by a peer's id)",
    options: [help],
    operands: OperandSpec(placeholder: "RULE", kind: .ruleOrPeerID, minimum: 1, maximum: 1))

  static let config = CommandSpec(
    name: "config", summary: "print the effective configuration for PATH",
    options: [OptionSpec(long: "print", help: "print the configuration as .ballast.json")]
      + configurationOptions.filter { $0.long != "stdin-filename" } + [help],
    operands: OperandSpec(placeholder: "[PATH]", kind: .path, maximum: 1))

  static let migrate = CommandSpec(
    name: "migrate",
    summary: "print the .ballast.json that means what a hadolint configuration means",
    options: [help],
    operands: OperandSpec(placeholder: "[FILE]", kind: .file, maximum: 1),
    notes:
      "FILE defaults to the .hadolint.yaml hadolint would use (the current folder first). "
      + "Ids without a ballast rule become // lines, which .ballast.json allows.")

  static let parse = CommandSpec(
    name: "parse", summary: "print the syntax tree",
    options: [
      OptionSpec(
        long: "format", short: "f",
        value: ValueSpec(
          placeholder: "FORMAT", kind: .choice(noun: "format", ["buildkit", "json"]),
          defaultValue: "buildkit"),
        help: "BuildKit's parser output, or ballast's syntax tree"),
      help,
    ],
    operands: OperandSpec(placeholder: "FILE...", kind: .file, minimum: 1))

  static let completions = CommandSpec(
    name: "completions", summary: "shell completion script", options: [help],
    operands: OperandSpec(
      placeholder: "SHELL", kind: .choice(noun: "shell", ["bash", "zsh", "fish"]), minimum: 1,
      maximum: 1))

  static let man = CommandSpec(
    name: "man", summary: "this help as a man page (roff)", options: [help], operands: .none)

  static let lsp = CommandSpec(
    name: "lsp", summary: "language server on standard input and output, for editors",
    options: [
      OptionSpec(
        long: "stdio", help: "speak LSP over standard input and output (the only transport)"),
      help,
    ],
    operands: .none,
    notes: "Editors start it; the README shows the set-up for each. Logs go to standard error.")

  static let versionCommand = CommandSpec(
    name: "version", summary: "print the version", options: [help], operands: .none)

  static let helpCommand = CommandSpec(
    name: "help", summary: "this help, or a command's",
    options: [help],
    operands: OperandSpec(placeholder: "[COMMAND]", kind: .command, maximum: 1))

  /// In the order `--help` lists them; `lint` is the default command.
  static let commands = [
    lint, rules, explain, config, migrate, parse, completions, man, lsp, versionCommand,
    helpCommand,
  ]

  static func command(named name: String) -> CommandSpec? {
    commands.first { $0.name == name }
  }
}
