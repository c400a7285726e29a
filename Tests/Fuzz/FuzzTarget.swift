// libFuzzer entry point: every input goes through the parser, the whole lint pipeline with
// all rules switched on, every output format, and the configuration-file reader (a
// `.ballast.json` in a linted repository is input too). Built by Scripts/fuzz.sh, not SwiftPM.
import DockerfileSyntax
import LintEngine
import LintFormatters
import LintRules

let linter = BuiltinRules.linter
let configuration: Configuration = {
  var configuration = Configuration()
  for descriptor in linter.catalog.descriptors { configuration.enabled[descriptor.id] = true }
  return configuration
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let source = SourceFile(path: "fuzz/Dockerfile", bytes: bytes)
  let syntax = DockerfileParser.parse(source)
  _ = BuildKitDump.document(for: syntax, file: "f").serialized()
  _ = SyntaxTreeDump.document(for: syntax).serialized()
  let result = linter.lint(source, configuration: configuration)
  for finding in result.findings {
    precondition(
      finding.range.start >= 0 && finding.range.start <= finding.range.end
        && finding.range.end <= size)
  }
  let report = LintReport(files: [result], catalog: linter.catalog, toolVersion: "fuzz")
  for format in OutputFormat.allCases { _ = format.render(report) }
  var loaded = Configuration()
  try? ConfigurationFile.load(
    String(decoding: bytes, as: UTF8.self), path: "fuzz/.ballast.json", catalog: linter.catalog,
    into: &loaded)
  return 0
}
