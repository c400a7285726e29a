// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ballast",
  products: [
    .executable(name: "ballast", targets: ["ballast"]),
    .library(name: "DockerfileSyntax", targets: ["DockerfileSyntax"]),
  ],
  targets: [
    // Text to typed syntax tree; knows nothing about rules.
    .target(name: "DockerfileSyntax"),
    // Meaning: stages, image references, variable scopes.
    .target(name: "DockerfileSemantics", dependencies: ["DockerfileSyntax"]),
    // Rule protocol, running, suppressions, configuration, and the rules themselves.
    .target(name: "LintEngine", dependencies: ["DockerfileSyntax", "DockerfileSemantics"]),
    .target(
      name: "LintRules", dependencies: ["LintEngine", "DockerfileSyntax", "DockerfileSemantics"]),
    .target(name: "LintFormatters", dependencies: ["LintEngine", "DockerfileSyntax"]),
    // Runs the external `shellcheck` program on RUN scripts and maps its findings back.
    .target(
      name: "ShellCheckAdapter",
      dependencies: ["DockerfileSyntax", "DockerfileSemantics", "LintEngine"]),
    // `ballast lsp`: JSON-RPC framing, documents, position encodings, request handlers.
    .target(
      name: "BallastLanguageServer",
      dependencies: [
        "DockerfileSyntax", "DockerfileSemantics", "LintEngine", "LintRules", "LintFormatters",
      ]),
    // The command line as a library, so tests call it without spawning processes.
    .target(
      name: "BallastCLI",
      dependencies: [
        "DockerfileSyntax", "LintEngine", "LintRules", "LintFormatters", "BallastLanguageServer",
        "ShellCheckAdapter",
      ]),
    .executableTarget(name: "ballast", dependencies: ["BallastCLI"]),
    .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
    .testTarget(name: "DockerfileSemanticsTests", dependencies: ["DockerfileSemantics"]),
    .testTarget(
      name: "LintRulesTests",
      dependencies: ["LintRules", "LintEngine", "LintFormatters", "DockerfileSemantics"],
      exclude: ["FuzzRegressions"]),
    .testTarget(name: "BallastCLITests", dependencies: ["BallastCLI", "DockerfileSyntax"]),
    .testTarget(
      name: "ShellCheckAdapterTests",
      dependencies: [
        "ShellCheckAdapter", "DockerfileSyntax", "DockerfileSemantics", "LintEngine", "LintRules",
      ]),
    .testTarget(
      name: "BallastLanguageServerTests",
      dependencies: [
        "BallastLanguageServer", "DockerfileSemantics", "DockerfileSyntax", "LintEngine", "LintRules",
      ]),
  ]
)
