"""Hostile and unusual input over a raw pipe: malformed frames and JSON, batches, unknown
methods, binary and 10 MB documents, cancellation, a client that vanishes. The server must
answer with LSP error codes, log to standard error, keep serving, never write a file, and
exit with the status LSP prescribes."""

import json
import os
import pathlib
import select
import signal
import subprocess
import sys
import time

import pytest

from conftest import BALLAST


class RawClient:
    """Speaks JSON-RPC over the server's pipes without any LSP library."""

    def __init__(self, cwd: pathlib.Path, process_id=None):
        self.process = subprocess.Popen(
            [BALLAST, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.buffer = b""
        self.next_id = 1
        self.received = []
        self.request("initialize", {"processId": process_id, "capabilities": {}, "rootUri": cwd.as_uri()})
        self.notify("initialized", {})

    def write(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    @staticmethod
    def frame(body) -> bytes:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return b"Content-Length: %d\r\n\r\n" % len(data) + data

    def send(self, message):
        self.write(self.frame(dict(jsonrpc="2.0", **message)))

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params=None, wait=True, timeout=30):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout) if wait else request_id

    def read_message(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                length = int(self.buffer[:header_end].split(b":")[1])
                if len(self.buffer) >= header_end + 4 + length:
                    body = self.buffer[header_end + 4: header_end + 4 + length]
                    self.buffer = self.buffer[header_end + 4 + length:]
                    message = json.loads(body)
                    self.received.append(message)
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no message from the server")
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise EOFError("the server closed its output")
                self.buffer += chunk

    def wait_for(self, predicate, timeout=30):
        for message in self.received:
            if predicate(message):
                self.received.remove(message)
                return message
        while True:
            message = self.read_message(timeout)
            if predicate(message):
                self.received.remove(message)
                return message

    def diagnostics(self, uri, timeout=30):
        return self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
            timeout)["params"]["diagnostics"]

    def open(self, uri, text):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})

    def finish(self, shutdown=True, timeout=10):
        if shutdown:
            self.request("shutdown")
        self.notify("exit", None)
        status = self.process.wait(timeout)
        self.stderr = self.process.stderr.read().decode()
        return status


@pytest.fixture
def client(tmp_path):
    raw = RawClient(tmp_path)
    yield raw
    if raw.process.poll() is None:
        raw.process.kill()
        raw.process.wait()


def snapshot(folder: pathlib.Path):
    return sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*"))


def test_malformed_frames_and_messages_get_error_codes_and_the_server_goes_on(client):
    client.write(b"Content-Length: banana\r\n\r\n")
    client.write(b"X-Junk\r\nContent-Length: 2\r\n\r\n{}")
    client.write(client.frame(b"{not json"))
    client.write(client.frame(b'[{"jsonrpc":"2.0","id":90,"method":"shutdown"}]'))
    client.write(client.frame(b'{"jsonrpc":"2.0","id":91}'))
    parse_error = client.wait_for(lambda m: m.get("error", {}).get("code") == -32700)
    assert parse_error["id"] is None
    batch = client.wait_for(lambda m: m.get("error", {}).get("code") == -32600 and "batches" in m["error"]["message"])
    assert batch["id"] is None
    unknown = client.request("textDocument/inlayHint", {})
    assert unknown["error"]["code"] == -32601
    # Still serving.
    client.open("file:///w/Dockerfile", "FROM debian:12-slim\nADD conf /etc/conf\n")
    assert any(d["code"] == "BL5001" for d in client.diagnostics("file:///w/Dockerfile"))
    assert client.finish() == 0
    assert "Content-Length is not a number" in client.stderr
    assert "header line without ':'" in client.stderr


def test_requests_before_initialize_are_refused(tmp_path):
    process = subprocess.Popen([BALLAST, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}).encode()
    out, _ = process.communicate(RawClient.frame(body), timeout=10)
    assert b'"code":-32002' in out
    assert process.returncode == 1  # the pipe closed without exit


def test_cancelled_request_is_answered_as_cancelled(client):
    client.open("file:///w/Dockerfile", "FROM debian:12-slim\n")
    hover = {"jsonrpc": "2.0", "id": 77, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 0, "character": 6}}}
    cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 77}}
    client.write(client.frame(hover) + client.frame(cancel))
    answer = client.wait_for(lambda m: m.get("id") == 77)
    assert answer["error"]["code"] == -32800
    assert client.finish() == 0


def test_binary_and_invalid_utf8_documents(client):
    client.open("file:///w/bin", "FROM a\u0000\x01\x02")
    (only,) = client.diagnostics("file:///w/bin")
    assert "binary" in only["message"]
    # Invalid UTF-8 inside the JSON string: replaced, the rest is linted.
    body = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/latin1",'
            b'"languageId":"dockerfile","version":1,"text":"FROM debian:12-slim\\nLABEL a=\xe9\\nADD x /x\\n"}}}')
    client.write(client.frame(body))
    codes = [d["code"] for d in client.diagnostics("file:///w/latin1")]
    assert "BL5001" in codes
    assert client.finish() == 0


def test_ten_megabyte_document(client):
    line = "RUN echo " + "x" * 1000 + "\n"
    text = "FROM debian:12-slim\nADD conf /etc/conf\n" + line * (10 * 1048576 // len(line))
    assert len(text) >= 10 * 1000 * 1000
    client.open("file:///w/big", text)
    diagnostics = client.diagnostics("file:///w/big", timeout=300)
    assert any(d["code"] == "BL5001" for d in diagnostics)
    # Still answering, and an edit at the end is applied incrementally.
    last = text.count("\n")
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": "file:///w/big", "version": 2},
        "contentChanges": [{"range": {"start": {"line": last, "character": 0}, "end": {"line": last, "character": 0}},
                            "text": "MAINTAINER x\n"}]})
    codes = [d["code"] for d in client.diagnostics("file:///w/big", timeout=300)]
    assert "BL5002" in codes
    assert client.finish(timeout=60) == 0


def test_exit_without_shutdown_is_status_one(client):
    assert client.finish(shutdown=False) == 1


def test_closed_pipe_ends_the_server(client):
    client.process.stdin.close()
    assert client.process.wait(10) == 1
    assert "closed the connection" in client.process.stderr.read().decode()


def test_dead_client_process_ends_the_server(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    raw = RawClient(tmp_path, process_id=parent.pid)
    parent.kill()
    parent.wait()
    assert raw.process.wait(15) == 1
    assert f"client process {parent.pid} is gone" in raw.process.stderr.read().decode()


def test_vanished_reader_does_not_crash_the_server(tmp_path):
    # The client stops reading and closes: the server's writes fail (EPIPE, SIGPIPE ignored).
    process = subprocess.Popen([BALLAST, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}).encode()
    process.stdin.write(RawClient.frame(init))
    process.stdin.flush()
    assert process.wait(10) == 1
    assert process.returncode != -signal.SIGPIPE
    assert b"cannot write to the client" in process.stderr.read()


def test_server_never_writes_files(tmp_path):
    (tmp_path / ".ballast.json").write_text('{"ignore": []}')
    dockerfile = tmp_path / "Dockerfile"
    text = "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n"
    dockerfile.write_text(text)
    before = snapshot(tmp_path)
    client = RawClient(tmp_path)
    uri = dockerfile.as_uri()
    client.open(uri, text)
    client.diagnostics(uri)
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": everything, "context": {"diagnostics": []}})["result"]
    assert any(a["kind"] == "source.fixAll.ballast" for a in actions)
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert client.finish() == 0
    assert snapshot(tmp_path) == before
