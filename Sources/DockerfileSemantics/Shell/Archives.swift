import DockerfileSyntax

extension ShellCommand {
  /// The archive file this command unpacks (`tar -xzf A`, `tar xf A`, `tar -x -f A`,
  /// `unzip A`), nil when it unpacks none or reads the archive from a pipe (`curl … | tar x`).
  public var unpackedArchive: ShellWord? {
    switch program {
    case "tar":
      var words = arguments
      // Old-style options: a first word without a dash is a cluster (`tar xzf A`).
      if let first = words.first, !first.value.hasPrefix("-"),
        first.value.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) })
      {
        words[0].value = "-" + first.value
      }
      let parsed = CommandArguments(words, syntax: ArgumentSyntax.of("tar"))
      guard parsed.has("-x", "--extract", "--get") else { return nil }
      if let file = parsed.value("-f", "--file") { return file.value == "-" ? nil : file }
      return parsed.operands.first { word in
        Archives.suffixes.contains(where: word.value.lowercased().hasSuffix)
      }
    case "unzip":
      return parsedArguments.operands.first
    default:
      return nil
    }
  }
}

/// What archives are called.
public enum Archives {
  /// File name endings of the archives `tar` and `ADD` unpack (compressed single files too).
  public static let suffixes = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
    ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz4",
  ]
}
