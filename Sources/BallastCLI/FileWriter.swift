#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The only place ballast writes a user's file: atomically, through a temporary file in the
/// same folder renamed over the original, keeping its mode (and owner, where allowed). A
/// symbolic link is followed, so the link stays a link.
enum FileWriter {
  struct WriteError: Error {
    var message: String
  }

  /// Writes a new file or replaces one (`-o FILE`): a temporary file beside it, renamed over
  /// it, so a reader never sees half a report. A new file gets mode 0644 less the umask.
  static func create(_ path: String, with bytes: [UInt8]) -> Result<Void, WriteError> {
    if FileDiscovery.exists(path) {
      return replace(path, with: bytes, what: "the report")
    }
    func failure(_ code: Int32) -> Result<Void, WriteError> {
      .failure(
        WriteError(message: "\(path): cannot write the report: \(String(cString: strerror(code)))"))
    }
    let folder = FileDiscovery.folder(of: path)
    var template = Array((folder + "/.ballast-report-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return failure(errno) }
    let temporary = String(cString: template)
    let mask = umask(0)
    umask(mask)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(descriptor)
        unlink(temporary)
        return failure(code)
      }
      written += count
    }
    guard fchmod(descriptor, 0o644 & ~mask) == 0, fsync(descriptor) == 0 else {
      let code = errno
      close(descriptor)
      unlink(temporary)
      return failure(code)
    }
    close(descriptor)
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      return failure(code)
    }
    return .success(())
  }

  static func replace(_ path: String, with bytes: [UInt8]) -> Result<Void, WriteError> {
    replace(path, with: bytes, what: "the fixed file")
  }

  static func replace(_ path: String, with bytes: [UInt8], what: String)
    -> Result<Void, WriteError>
  {
    func failure(_ detail: String, _ code: Int32) -> Result<Void, WriteError> {
      .failure(
        WriteError(
          message: "\(path): cannot write \(what): \(detail)\(String(cString: strerror(code)))"
        ))
    }
    var target = path
    if let resolved = realpath(path, nil) {
      target = String(cString: resolved)
      free(resolved)
    }
    var info = stat()
    guard stat(target, &info) == 0 else { return failure("", errno) }
    let mode = info.st_mode & 0o7777
    // Root may write anything; a file nobody may write is still left alone, as editors do.
    guard mode & 0o222 != 0, access(target, W_OK) == 0 else {
      return .failure(WriteError(message: "\(path): cannot write \(what): it is read-only"))
    }
    let folder = FileDiscovery.folder(of: target)
    var template = Array((folder + "/.ballast-fix-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return failure("", errno) }
    let temporary = String(cString: template)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(descriptor)
        unlink(temporary)
        return failure("", code)
      }
      written += count
    }
    _ = fchown(descriptor, info.st_uid, info.st_gid)
    guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
      let code = errno
      close(descriptor)
      unlink(temporary)
      return failure("", code)
    }
    close(descriptor)
    guard rename(temporary, target) == 0 else {
      let code = errno
      unlink(temporary)
      return failure("", code)
    }
    return .success(())
  }
}
