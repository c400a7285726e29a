import DockerfileSemantics
import DockerfileSyntax

enum LayerContents {
  /// Literal path operands of a command (options skipped), resolved in `directory`.
  static func pathOperands(_ command: ShellCommand, in directory: String) -> [(ShellWord, String)] {
    command.arguments.compactMap { word in
      guard word.isLiteral, !word.value.hasPrefix("-"), !word.value.isEmpty else { return nil }
      return (word, Paths.resolve(word.value, in: directory))
    }
  }
}
