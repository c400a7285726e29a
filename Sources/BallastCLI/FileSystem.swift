import DockerfileSemantics
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be read, with the wording the command line prints.
enum ReadError: Error, Equatable {
  case notFound
  case isDirectory
  case notRegular
  case permissionDenied
  case tooLarge(limit: Int)
  case other(code: Int32)

  var description: String {
    switch self {
    case .notFound: return "no such file"
    case .isDirectory: return "is a directory"
    case .notRegular: return "not a regular file"
    case .permissionDenied: return "permission denied"
    case .tooLarge(let limit): return "file larger than \(limit / 1_048_576) MiB"
    case .other(let code): return String(cString: strerror(code))
    }
  }
}

/// Plain POSIX reads: no Foundation, so start-up stays small.
enum FileSystem {
  static let maximumFileSize = 64 * 1_048_576

  static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(readError(errno)) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .failure(readError(errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
    guard Int(info.st_size) <= maximumFileSize else {
      return .failure(.tooLarge(limit: maximumFileSize))
    }
    return readAll(descriptor, limit: maximumFileSize, sizeHint: Int(info.st_size))
  }

  static func readStandardInput() -> Result<[UInt8], ReadError> {
    readAll(0, limit: maximumFileSize)
  }

  /// Reads straight into the array's storage, sized from `sizeHint` when the file's size is
  /// known: no zero-filled 64 KB buffer and no copy, which showed in one-file runs.
  private static func readAll(_ descriptor: Int32, limit: Int, sizeHint: Int = 0)
    -> Result<[UInt8], ReadError>
  {
    var bytes: [UInt8] = []
    var capacity = max(sizeHint + 1, 4096)
    var finished = false
    var failure: Int32?
    while !finished && failure == nil {
      let existing = bytes
      bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        count = buffer.initialize(fromContentsOf: existing)
        while count < buffer.count, let base = buffer.baseAddress {
          let got = read(descriptor, base + count, buffer.count - count)
          if got < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          if got == 0 {
            finished = true
            return
          }
          count += got
        }
      }
      if bytes.count > limit { return .failure(.tooLarge(limit: limit)) }
      capacity *= 2
    }
    if let failure { return .failure(readError(failure)) }
    return .success(bytes)
  }

  static func readError(_ code: Int32) -> ReadError {
    switch code {
    case ENOENT, ENOTDIR: return .notFound
    case EACCES, EPERM: return .permissionDenied
    case EISDIR: return .isDirectory
    default: return .other(code: code)
    }
  }
}

/// Buffered standard output and error.
public struct OutputStream {
  let descriptor: Int32
  private(set) var buffer: [UInt8] = []

  public init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  public mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public mutating func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        break
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// The build context as the file system has it, for `BuildContextLoader`.
struct PosixContextFileSystem: ContextFileSystem {
  func kind(of path: String) -> ContextFileKind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file(bytes: Int(info.st_size))
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  func names(in folder: String) -> [String]? {
    guard let directory = opendir(folder) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  func read(_ path: String, limit: Int) -> [UInt8]? {
    guard case .success(let bytes) = FileSystem.readFile(path) else { return nil }
    return Array(bytes.prefix(limit))
  }
}

/// The file system for one command-line run: the Dockerfile's folder is asked, once per
/// Dockerfile, whether it holds only Dockerfiles, and a folder of thousands of them must not be
/// listed thousands of times. The answer is kept for the run (files do not change under it).
final class RunContextFileSystem: ContextFileSystem {
  private let base = PosixContextFileSystem()
  private let onlyDockerfiles = Mutex<[String: Bool]>([:])

  func kind(of path: String) -> ContextFileKind? { base.kind(of: path) }
  func names(in folder: String) -> [String]? { base.names(in: folder) }
  func read(_ path: String, limit: Int) -> [UInt8]? { base.read(path, limit: limit) }

  func holdsOnlyDockerfiles(_ folder: String) -> Bool {
    if let known = onlyDockerfiles.withLock({ $0[folder] }) { return known }
    let answer = base.holdsOnlyDockerfiles(folder)
    onlyDockerfiles.withLock { $0[folder] = answer }
    return answer
  }
}
