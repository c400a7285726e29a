import DockerfileSyntax
import LintEngine

/// A JSON-RPC request id: LSP allows integers and strings.
enum RequestID: Hashable, Sendable {
  case int(Int)
  case string(String)

  init?(_ value: JSONValue?) {
    if let number = value?.int {
      self = .int(number)
    } else if let text = value?.string {
      self = .string(text)
    } else {
      return nil
    }
  }

  var json: JSONValue {
    switch self {
    case .int(let value): return .int(value)
    case .string(let value): return .string(value)
    }
  }
}

/// The error codes of JSON-RPC and LSP 3.17 that this server answers with.
enum ErrorCode: Int, Sendable {
  case parseError = -32700
  case invalidRequest = -32600
  case methodNotFound = -32601
  case invalidParams = -32602
  case internalError = -32603
  case serverNotInitialized = -32002
  case requestFailed = -32803
  case requestCancelled = -32800
}

/// An error answer to a request.
struct ResponseError: Error, Equatable, Sendable {
  var code: ErrorCode
  var message: String

  init(_ code: ErrorCode, _ message: String) {
    self.code = code
    self.message = message
  }

  static func invalidParams(_ message: String) -> ResponseError {
    ResponseError(.invalidParams, message)
  }

  var json: JSONValue {
    .object([("code", .int(code.rawValue)), ("message", .string(message))])
  }
}

/// One message from the client.
enum IncomingMessage: Sendable {
  case request(id: RequestID, method: String, params: JSONValue)
  case notification(method: String, params: JSONValue)
  /// The client's answer to a request of the server (`workspace/configuration`).
  case response(id: RequestID, result: JSONValue?, error: JSONValue?)

  /// Reads one message body. A body that is not a JSON-RPC message is an error to answer
  /// with `id: null` (the id cannot be trusted), except when the id could still be read.
  static func decode(_ body: [UInt8]) -> Result<IncomingMessage, DecodeFailure> {
    let value: JSONValue
    do { value = try JSONReader.parse(bytes: body) } catch {
      return .failure(
        DecodeFailure(
          id: nil, error: ResponseError(.parseError, "invalid JSON: \(error.message)")))
    }
    if case .array = value {
      return .failure(
        DecodeFailure(
          id: nil, error: ResponseError(.invalidRequest, "batches are not part of LSP 3.17")))
    }
    guard value.isObject else {
      return .failure(
        DecodeFailure(
          id: nil, error: ResponseError(.invalidRequest, "a message must be a JSON object")))
    }
    let id = RequestID(value["id"])
    if let jsonrpc = value["jsonrpc"], jsonrpc.string != "2.0" {
      return .failure(
        DecodeFailure(id: id, error: ResponseError(.invalidRequest, "jsonrpc must be \"2.0\"")))
    }
    guard let methodValue = value["method"] else {
      guard let id, value["result"] != nil || value["error"] != nil else {
        return .failure(
          DecodeFailure(
            id: id, error: ResponseError(.invalidRequest, "a message needs a method or a result")
          ))
      }
      return .success(.response(id: id, result: value["result"], error: value["error"]))
    }
    guard let method = methodValue.string else {
      return .failure(
        DecodeFailure(id: id, error: ResponseError(.invalidRequest, "method must be a string")))
    }
    let params = value["params"] ?? .null
    if let idValue = value["id"], !idValue.isNull {
      guard let id else {
        return .failure(
          DecodeFailure(
            id: nil, error: ResponseError(.invalidRequest, "id must be a number or a string")))
      }
      return .success(.request(id: id, method: method, params: params))
    }
    return .success(.notification(method: method, params: params))
  }

  struct DecodeFailure: Error, Sendable {
    var id: RequestID?
    var error: ResponseError
  }
}

/// Messages the server sends.
enum Outgoing {
  static func response(_ id: RequestID?, result: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id?.json ?? .null), ("result", result)])
  }

  static func error(_ id: RequestID?, _ error: ResponseError) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id?.json ?? .null), ("error", error.json)])
  }

  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
  }

  static func request(_ id: RequestID, _ method: String, _ params: JSONValue) -> JSONValue {
    .object([
      ("jsonrpc", .string("2.0")), ("id", id.json), ("method", .string(method)),
      ("params", params),
    ])
  }
}
