import DockerfileSemantics
import DockerfileSyntax

/// `textDocument/documentSymbol`: global ARGs, then each stage with its instructions —
/// nested `DocumentSymbol`s, or flat `SymbolInformation` for clients without hierarchy.
struct DocumentSymbolBuilder {
  let document: TextDocument
  let analysis: DocumentAnalysis
  let encoding: PositionEncoding

  enum Kind: Int {
    case namespace = 3
    case function = 12
    case variable = 13
  }

  struct Symbol {
    var name: String
    var detail: String?
    var kind: Kind
    var range: SourceRange
    var selection: SourceRange
    var children: [Symbol] = []
  }

  func symbols() -> [Symbol] {
    let file = analysis.file
    var result: [Symbol] = []
    let firstFrom = file.stages.first?.fromPosition ?? file.instructions.count
    for position in 0..<firstFrom { result.append(symbol(forInstruction: position)) }
    for stage in file.stages {
      let from = file.instructions[stage.fromPosition]
      let last = stage.instructionIndices.last.map { file.instructions[$0] } ?? from
      let name = stage.name ?? "stage \(stage.index)"
      var symbol = Symbol(
        name: name, detail: stage.baseWord.map { "FROM " + $0.text }, kind: .namespace,
        range: SourceRange(start: from.range.start, end: last.range.end),
        selection: Navigation(file: file).nameRange(of: stage))
      symbol.children = stage.instructionIndices.map(symbol(forInstruction:))
      result.append(symbol)
    }
    return result
  }

  func symbol(forInstruction position: Int) -> Symbol {
    let instruction = analysis.file.instructions[position]
    let keyword = instruction.keyword.uppercased()
    let declared = Navigation.declared(by: instruction)
    if !declared.isEmpty {
      return Symbol(
        name: keyword + " " + declared.map(\.name).joined(separator: " "), detail: nil,
        kind: .variable, range: instruction.range, selection: declared[0].declaration.range)
    }
    var summary = String(instruction.original.dropFirst(instruction.keyword.count))
    summary = String(summary.drop { $0 == " " || $0 == "\t" })
    if summary.count > 60 { summary = String(summary.prefix(57)) + "…" }
    return Symbol(
      name: keyword.isEmpty ? "instruction" : keyword,
      detail: summary.isEmpty ? nil : summary, kind: keyword == "FROM" ? .namespace : .function,
      range: instruction.range, selection: instruction.keywordRange)
  }

  func json(hierarchical: Bool) -> JSONValue {
    let all = symbols()
    var offsets: [Int] = []
    func collect(_ symbol: Symbol) {
      offsets += [
        symbol.range.start, symbol.range.end, symbol.selection.start, symbol.selection.end,
      ]
      symbol.children.forEach(collect)
    }
    all.forEach(collect)
    let positions = document.lines.positions(of: offsets, in: document.bytes, encoding: encoding)
    func range(_ range: SourceRange) -> JSONValue {
      Range(start: positions[range.start]!, end: positions[range.end]!).json
    }
    func nested(_ symbol: Symbol) -> JSONValue {
      var members: [(String, JSONValue)] = [("name", .string(symbol.name))]
      if let detail = symbol.detail { members.append(("detail", .string(detail))) }
      members += [
        ("kind", .int(symbol.kind.rawValue)), ("range", range(symbol.range)),
        ("selectionRange", range(symbol.selection)),
      ]
      if !symbol.children.isEmpty {
        members.append(("children", .array(symbol.children.map(nested))))
      }
      return .object(members)
    }
    guard !hierarchical else { return .array(all.map(nested)) }
    var flat: [JSONValue] = []
    func add(_ symbol: Symbol, container: String?) {
      var members: [(String, JSONValue)] = [
        ("name", .string(symbol.name)), ("kind", .int(symbol.kind.rawValue)),
        (
          "location",
          .object([("uri", .string(document.uri)), ("range", range(symbol.range))])
        ),
      ]
      if let container { members.append(("containerName", .string(container))) }
      flat.append(.object(members))
      for child in symbol.children { add(child, container: symbol.name) }
    }
    for symbol in all { add(symbol, container: nil) }
    return .array(flat)
  }
}
