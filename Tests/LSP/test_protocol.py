"""The protocol as real clients speak it: pygls through pytest-lsp, announcing the
capabilities of VS Code, Neovim and Emacs (pytest-lsp ships them), and checking every answer
against them."""

import asyncio
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from conftest import BALLAST

CLIENTS = ["visual-studio-code", "neovim@v0.7.0", "neovim", "emacs"]
# The rules these tests are about, so rules added later change no expectation.
RULES = {"select": ["BL1007", "BL5001", "BL5002", "BL5003"]}


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    """Applies LSP text edits as an editor does (positions in `encoding` code units)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def width(char: str) -> int:
        if encoding == "utf-8":
            return len(char.encode("utf-8"))
        if encoding == "utf-32":
            return 1
        return len(char.encode("utf-16-le")) // 2

    def offset(position) -> int:
        if position.line >= len(lines):
            return len(text)
        units = 0
        for index, char in enumerate(lines[position.line]):
            if units >= position.character:
                return starts[position.line] + index
            units += width(char)
        return starts[position.line] + len(lines[position.line])

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str):
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes for e in change.edits]
    return edit.changes[uri]


@pytest.fixture
def workspace(tmp_path: pathlib.Path):
    (tmp_path / "svc").mkdir()
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BALLAST, "lsp"]), params=CLIENTS)
async def client(lsp_client: LanguageClient, request, workspace):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations += params.registrations

    lsp_client.set_configuration(RULES, section="ballast")
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            initialization_options=RULES,
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="w")],
        ))
    lsp_client.workspace_path = workspace
    lsp_client.encoding = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, name: str, text: str, version: int = 1):
    path = client.workspace_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="dockerfile", version=version, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


DOCKERFILE = """FROM debian:12
COPY app.tar.gz /tmp/app.tar.gz
RUN rm /tmp/app.tar.gz
ADD conf /etc/conf
MAINTAINER Jane
"""


async def test_diagnostics_carry_code_link_source_and_related_place(client: LanguageClient):
    uri = await open_document(client, "svc/Dockerfile", DOCKERFILE)
    diagnostics = {d.code: d for d in client.diagnostics[uri]}
    assert {"BL1007", "BL5001", "BL5002"} <= set(diagnostics)
    add = diagnostics["BL5001"]
    assert add.source == "ballast"
    assert add.severity == types.DiagnosticSeverity.Warning
    assert add.range == types.Range(start=types.Position(line=3, character=0), end=types.Position(line=3, character=3))
    assert add.code_description.href.endswith("/Rules/BL5001.md")
    deleted = diagnostics["BL1007"]
    if client.capabilities.text_document.publish_diagnostics.related_information:
        (related,) = deleted.related_information
        assert related.location.range.start == types.Position(line=1, character=16)
    if client.capabilities.text_document.publish_diagnostics.tag_support:
        assert list(diagnostics["BL5002"].tags) == [types.DiagnosticTag.Deprecated]


async def test_incremental_edits_after_a_surrogate_pair(client: LanguageClient):
    text = 'FROM debian:12-slim\nLABEL note="😀"\nRUN true\n'
    uri = await open_document(client, "svc/Dockerfile", text)
    assert list(client.diagnostics[uri]) == []
    # Type `ADD x /x` on a new line after the emoji's line; then the emoji line gets a letter
    # after the emoji (UTF-16: the emoji is two units).
    offered = client.capabilities.general and client.capabilities.general.position_encodings
    expected = "utf-8" if offered and types.PositionEncodingKind.Utf8 in offered else "utf-16"
    assert client.encoding == expected
    # `LABEL note="` is 12 characters; the emoji is 4 UTF-8 bytes, 2 UTF-16 units.
    after_emoji = 12 + (4 if expected == "utf-8" else 2)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=1, character=after_emoji),
                                      end=types.Position(line=1, character=after_emoji)),
                    text="x"),
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=2, character=0),
                                      end=types.Position(line=2, character=0)),
                    text="ADD conf /etc/conf\n"),
            ]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    (add,) = client.diagnostics[uri]
    assert add.code == "BL5001"
    assert add.range.start == types.Position(line=2, character=0)
    # The server's copy has the letter right after the emoji: the fix-all edit, applied to
    # the text the editor now has, shows the server's view of it.
    source = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.Source])))
    edited = 'FROM debian:12-slim\nLABEL note="😀x"\nADD conf /etc/conf\nRUN true\n'
    assert apply_edits(edited, edits_of(source[0], uri), client.encoding) == edited.replace("ADD", "COPY")


async def test_quick_fix_ignore_and_fix_all_edit_the_text(client: LanguageClient):
    text = "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n"
    uri = await open_document(client, "svc/Dockerfile", text)
    add = next(d for d in client.diagnostics[uri] if d.code == "BL5001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=add.range,
            context=types.CodeActionContext(diagnostics=[add])))
    titles = [a.title for a in actions]
    assert "Replace ADD with COPY" in titles
    assert "Ignore BL5001 for this instruction" in titles
    quick = next(a for a in actions if a.title == "Replace ADD with COPY")
    assert quick.kind == types.CodeActionKind.QuickFix and quick.is_preferred
    assert apply_edits(text, edits_of(quick, uri), client.encoding) == "FROM debian:12-slim\nCOPY conf /etc/conf\nMAINTAINER Jane\n"
    ignore = next(a for a in actions if a.title.startswith("Ignore"))
    assert apply_edits(text, edits_of(ignore, uri), client.encoding).splitlines()[1] == "# ballast ignore=BL5001"
    source = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    (fix_all,) = source
    assert fix_all.kind == "source.fixAll.ballast"
    assert apply_edits(text, edits_of(fix_all, uri), client.encoding) == (
        'FROM debian:12-slim\nCOPY conf /etc/conf\nLABEL org.opencontainers.image.authors="Jane"\n')
    # The server answers with edits; the file on disk is untouched.
    assert (client.workspace_path / "svc/Dockerfile").read_text() == text


async def test_hover_definition_and_symbols(client: LanguageClient):
    text = "ARG GO=1.22\nFROM golang:${GO} AS build\nENV OUT=/out\nRUN go build -o $OUT/app .\nFROM scratch\nCOPY --from=build /out/app /app\n"
    uri = await open_document(client, "svc/Dockerfile", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=types.Position(line=1, character=7)))
    assert "golang:1.22" in hover.contents.value and "Go toolchain" in hover.contents.value
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=types.Position(line=3, character=18)))
    assert "`/out`" in hover.contents.value
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=types.Position(line=5, character=14)))
    assert definition[0].range.start == types.Position(line=1, character=21)
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=types.Position(line=3, character=18)))
    assert definition[0].range.start == types.Position(line=2, character=4)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    names = [s.name for s in symbols]
    assert "build" in names and "stage 1" in names


async def test_configuration_file_beside_the_document_and_its_changes(client: LanguageClient):
    workspace = client.workspace_path
    watched = client.capabilities.workspace and client.capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        await asyncio.sleep(0.1)
        (registration,) = client.registrations
        assert registration.method == "workspace/didChangeWatchedFiles"
        assert {"**/.ballast.json", "**/.dockerignore"} <= {
            w["globPattern"] for w in registration.register_options["watchers"]}
    (workspace / ".ballast.json").write_text('{"ignore": ["BL5002"]}')
    uri = await open_document(client, "svc/Dockerfile", "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n")
    assert [d.code for d in client.diagnostics[uri]] == ["BL5001"]
    (workspace / ".ballast.json").write_text('{"ignore": ["BL5001"]}')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=(workspace / ".ballast.json").as_uri(), type=types.FileChangeType.Changed)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["BL5002"]
    # A broken file: shown on the file, and the document keeps its diagnostics (defaults).
    (workspace / ".ballast.json").write_text('{"ignore": ["BL9999"]}')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=(workspace / ".ballast.json").as_uri(), type=types.FileChangeType.Changed)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.sleep(0.2)
    assert sorted(d.code for d in client.diagnostics[uri]) == ["BL5001", "BL5002"]
    config_problems = client.diagnostics[(workspace / ".ballast.json").as_uri()]
    assert "BL9999" in config_problems[0].message
    assert any("BL9999" in m.message for m in client.messages)


async def test_settings_from_the_editor(client: LanguageClient):
    uri = await open_document(client, "svc/Dockerfile", "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n")
    pull = client.capabilities.workspace and client.capabilities.workspace.configuration
    if pull:
        client.set_configuration({"select": ["BL5002"]}, section="ballast")
        settings = {}
    else:
        settings = {"ballast": {"select": ["BL5002"]}}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["BL5002"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BALLAST, "lsp"]))
async def utf8_client(lsp_client: LanguageClient):
    capabilities = client_capabilities("neovim")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    lsp_client.set_configuration(RULES, section="ballast")
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, initialization_options=RULES))
    lsp_client.encoding = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


async def test_utf8_is_chosen_when_offered_and_used(utf8_client: LanguageClient, tmp_path):
    assert utf8_client.encoding == types.PositionEncodingKind.Utf8
    path = tmp_path / "Dockerfile"
    text = 'FROM debian:12-slim\nLABEL a="é😀" b=1\nADD conf /etc/conf\n'
    path.write_text(text)
    utf8_client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="dockerfile", version=1, text=text)))
    await utf8_client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    hover = await utf8_client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=types.Position(line=2, character=1)))
    assert "BL5001" in hover.contents.value
