import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules

/// `textDocument/hover`: the rule's explanation on a finding, what ballast knows about the
/// base image on FROM, a variable's value where it is known, the stage a `--from` names.
struct HoverBuilder {
  let analysis: DocumentAnalysis
  let catalog: RuleCatalog

  /// Markdown sections, and the range they describe; nil when there is nothing to say.
  func hover(at offset: Int) -> (sections: [String], range: SourceRange)? {
    var sections: [String] = []
    var range: SourceRange?
    func cover(_ part: SourceRange) {
      range =
        range.map { SourceRange(start: min($0.start, part.start), end: max($0.end, part.end)) }
        ?? part
    }
    for finding in analysis.findings
    where finding.range.start <= offset
      && (offset < finding.range.end || finding.range.isEmpty && offset == finding.range.start)
    {
      sections.append(explanation(of: finding))
      cover(finding.range)
    }
    let navigation = Navigation(file: analysis.file)
    if let position = analysis.instructionPosition(at: offset) {
      if let use = navigation.stageUse(at: offset, in: position) {
        sections.append(stageText(use.stage, navigation: navigation))
        cover(use.range)
      } else if let image = baseImage(at: offset, position: position) {
        sections.append(imageText(image, position: position))
        cover(image.range)
      }
      if let use = navigation.variable(at: offset, in: position) {
        sections.append(variableText(use.name, position: position, navigation: navigation))
        cover(use.range)
      }
    }
    guard let range, !sections.isEmpty else { return nil }
    return (sections, range)
  }

  func explanation(of finding: Finding) -> String {
    var text = ""
    if let descriptor = catalog.rule(finding.ruleID) {
      text +=
        "**\(descriptor.id) \(descriptor.name)** · \(finding.severity.rawValue) · "
        + descriptor.category.title + "\n\n"
    } else {
      text += "**\(finding.ruleID)**\n\n"
    }
    text += finding.message + "\n"
    if let help = finding.help { text += "\nhelp: " + help + "\n" }
    if let page = RuleDocumentation.pages[finding.ruleID] {
      for title in ["What it does", "Why is this bad?", "How to fix"] {
        if let section = Self.section(title, of: page) {
          text += "\n### \(title)\n" + section + "\n"
        }
      }
    }
    if let descriptor = catalog.rule(finding.ruleID) {
      text += "\n[\(descriptor.id) on the rule page](\(descriptor.documentationURL))"
    }
    return text
  }

  /// The body of `## title` in a rule page, up to the next `## ` heading.
  static func section(_ title: String, of page: String) -> String? {
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0 == "## " + title }) else { return nil }
    var body: [Substring] = []
    for line in lines[(start + 1)...] {
      if line.hasPrefix("## ") { break }
      body.append(line)
    }
    let text = body.joined(separator: "\n").trimmingNewlines()
    return text.isEmpty ? nil : text
  }

  /// The image a FROM names, when `offset` is on its base word and it is not a stage.
  func baseImage(at offset: Int, position: Int) -> ImageReference? {
    guard analysis.file.instructions[position].kind == .from,
      let stage = analysis.file.stage(containing: position), stage.fromPosition == position,
      let word = stage.baseWord, word.range.start <= offset, offset <= word.range.end
    else { return nil }
    return stage.baseImage
  }

  func imageText(_ image: ImageReference, position: Int) -> String {
    var lines = ["**`\(image.text)`**"]
    if let written = analysis.file.stage(containing: position)?.baseWord?.text,
      written != image.text
    {
      lines.append("Written `\(written)`; with the global ARG defaults it is `\(image.text)`.")
    }
    if image.isScratch {
      lines.append("The empty image: no shell, no libc, no CA certificates, no users.")
      return lines.joined(separator: "\n\n")
    }
    var parts = ["registry: " + (image.registry ?? "Docker Hub (docker.io)")]
    parts.append("repository: `\(image.repository)`")
    parts.append(image.tag.map { "tag: `\($0)`" } ?? "tag: none (`latest`)")
    if let digest = image.digest {
      parts.append("digest: `\(digest)`, so every build uses the same image")
    } else {
      parts.append("no digest: the tag can move to another image")
    }
    lines.append(parts.map { "- " + $0 }.joined(separator: "\n"))
    if let family = BaseImageKnowledge.buildFamily(of: image) {
      lines.append(
        "A build image: \(family.contents), about \(family.approximateSize(tag: image.tag)). "
          + "Run the result on \(family.runtime).")
    } else if BaseImageKnowledge.isStaticRuntime(image) {
      lines.append("A static runtime image: no libc, so it runs only static binaries.")
    }
    if let stage = analysis.file.stage(containing: position) {
      let shipped = analysis.file.finalImageStages.contains { $0.index == stage.index }
      lines.append(
        shipped
          ? "Its layers are part of the final image."
          : "A build stage: its layers are not in the final image, only what is copied from it.")
    }
    return lines.joined(separator: "\n\n")
  }

  func stageText(_ stage: Stage, navigation: Navigation) -> String {
    let from = analysis.file.instructions[stage.fromPosition]
    let name = stage.name.map { "`\($0)`" } ?? "\(stage.index)"
    var text = "**stage \(name)** (line \(from.startLine))"
    if let base = stage.baseStage {
      let baseName = analysis.file.stages[base].name.map { "`\($0)`" } ?? "\(base)"
      text += ", built on stage \(baseName)"
    } else if let image = stage.baseImage {
      text += ", built on `\(image.text)`"
    }
    return text
  }

  func variableText(_ name: String, position: Int, navigation: Navigation) -> String {
    let file = analysis.file
    let isFrom = file.instructions[position].kind == .from
    let value: String? =
      isFrom || file.stage(containing: position) == nil
      ? file.globalArguments[name] ?? nil : file.variables(before: position)[name]
    let declarations = navigation.declarations(of: name, usedAt: position)
    var text = "**`$\(name)`**"
    if let value {
      text += " = `\(value)`"
    }
    guard let nearest = declarations.first else {
      return text
        + (value == nil
          ? "\n\nNot set by this Dockerfile: empty unless the base image's environment sets it."
          : "")
    }
    let instruction = file.instructions[nearest.position]
    let keyword = instruction.kind == .arg ? "ARG" : "ENV"
    text += "\n\nSet by the \(keyword) on line \(instruction.startLine)"
    if nearest.isArgument {
      text +=
        nearest.value == nil
        ? (declarations.count > 1
          ? ", which takes the global ARG's default (line \(file.instructions[declarations[1].position].startLine))"
          : ", with no default")
        : ", default `\(nearest.value!)`"
      text += "; `--build-arg \(name)=…` overrides it."
    } else {
      text += "."
    }
    if value == nil && (!nearest.isArgument || nearest.value != nil) {
      text += " Its value is not known before the build."
    }
    return text
  }
}

extension String {
  fileprivate func trimmingNewlines() -> String {
    var text = Substring(self)
    while text.first == "\n" || text.first == " " { text = text.dropFirst() }
    while text.last == "\n" || text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
