import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// One version of a document, parsed, analysed and linted once; every request about that
/// version reads this.
struct DocumentAnalysis: Sendable {
  var version: Int
  /// `Workspace.generation` it was made under.
  var generation: Int
  var file: AnalyzedDockerfile
  var findings: [Finding]
  /// Why the text was not linted (binary, too large), shown as the only diagnostic.
  var refusal: String?

  /// The CLI refuses files larger than this too.
  static let maximumDocumentSize = 64 * 1_048_576

  init(
    document: TextDocument, generation: Int, linter: Linter, configuration: Configuration,
    context: (AnalyzedDockerfile) -> BuildContext
  ) {
    version = document.version
    self.generation = generation
    let bytes = document.bytes
    if bytes.count > Self.maximumDocumentSize {
      refusal =
        "document larger than \(Self.maximumDocumentSize / 1_048_576) MiB; ballast does not lint it"
    } else if bytes.contains(0) {
      refusal = "binary data (NUL byte), not a Dockerfile"
    }
    let source = SourceFile(path: DocumentURI.path(of: document.uri) ?? document.uri, bytes: bytes)
    if refusal != nil {
      file = AnalyzedDockerfile(DockerfileParser.parse(SourceFile(path: source.path, bytes: [])))
      findings = []
      return
    }
    let analyzed = AnalyzedDockerfile(DockerfileParser.parse(source))
    file = analyzed.attaching(context(analyzed))
    findings = linter.lint(file, configuration: configuration).findings
  }

  /// The top-level instruction whose range holds `offset` (ranges do not overlap; comments
  /// and blank lines between instructions belong to none).
  func instructionPosition(at offset: Int) -> Int? {
    let instructions = file.instructions
    var low = 0
    var high = instructions.count
    while low < high {
      let mid = (low + high) / 2
      if instructions[mid].range.start <= offset { low = mid + 1 } else { high = mid }
    }
    guard low > 0, offset <= instructions[low - 1].range.end else { return nil }
    return low - 1
  }
}
