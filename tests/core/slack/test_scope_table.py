"""Every Web API method Kindling calls is in the fake's scope table, and ``manifest.yml`` asks
for exactly the scopes those methods, its events and its commands need."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient

from tests.fakeslack.scopes import EVENT_SCOPES, FEATURE_SCOPES, METHOD_SCOPES
from tests.support.manifest import load_manifest

BOT = Path(__file__).resolve().parents[3] / "bot"


def web_client_method(name: str) -> bool:
    """Whether ``name`` is one of slack_sdk's ``WebClient`` API methods."""
    return not name.startswith("_") and callable(getattr(WebClient, name, None))


@cache
def api_methods_of(name: str) -> frozenset[str]:
    """The Web API methods ``WebClient.<name>`` calls: its ``api_call("x.y")``s, and those of
    the ``WebClient`` methods it calls in turn (``files_upload_v2`` -> two ``files.*``)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(getattr(WebClient, name))))
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
            continue
        attribute = node.func.attr
        if attribute == "api_call":
            found |= _literal_method(node)
        elif attribute != name and web_client_method(attribute):
            found |= api_methods_of(attribute)
    return frozenset(found)


def _literal_method(call: ast.Call) -> set[str]:
    first = call.args[0] if call.args else None
    keyword = next((k.value for k in call.keywords if k.arg == "api_method"), None)
    argument = first or keyword
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return {argument.value}
    return set()


def call_sites(paths: Iterable[Path], root: Path = BOT.parent) -> Iterator[tuple[str, str]]:
    """``(where, API method)`` for each ``something.<WebClient method>(...)`` call in
    ``paths`` (``client.api_call("x.y")`` too); ``where`` is relative to ``root``."""
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            attribute = node.func.attr
            if attribute == "api_call":
                for method in _literal_method(node):
                    yield where, method
            elif web_client_method(attribute):
                for method in api_methods_of(attribute):
                    yield where, method


@pytest.fixture(scope="module")
def called() -> dict[str, list[str]]:
    """Each Web API method Kindling's code calls -> where."""
    sites: dict[str, list[str]] = {}
    for where, method in call_sites(sorted(BOT.rglob("*.py"))):
        sites.setdefault(method, []).append(where)
    return sites


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return load_manifest()


def bot_scopes(manifest: dict[str, Any]) -> list[str]:
    return list(manifest["oauth_config"]["scopes"]["bot"])


def bot_events(manifest: dict[str, Any]) -> list[str]:
    return list(manifest["settings"]["event_subscriptions"]["bot_events"])


def test_call_sites_are_found_and_resolved(called: dict[str, list[str]]) -> None:
    assert api_methods_of("files_upload_v2") == {
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    }
    assert api_methods_of("chat_postMessage") == {"chat.postMessage"}
    assert {"chat.postMessage", "users.info", "files.completeUploadExternal"} <= set(called)


def test_every_method_kindling_calls_has_a_scope_entry(called: dict[str, list[str]]) -> None:
    unknown = {method: where for method, where in called.items() if method not in METHOD_SCOPES}
    assert not unknown, f"add these methods to tests/fakeslack/scopes.py: {unknown}"


def test_every_requested_scope_is_used(
    called: dict[str, list[str]], manifest: dict[str, Any]
) -> None:
    methods = [METHOD_SCOPES[m] for m in called if m in METHOD_SCOPES]
    events = [EVENT_SCOPES[e] for e in bot_events(manifest) if e in EVENT_SCOPES]
    used = {scope for entry in methods for scope in entry.scopes}
    used |= {scope for entry in events for scope in entry.scopes}
    used |= {
        scope for feature, scope in FEATURE_SCOPES.items() if manifest["features"].get(feature)
    }
    unused = [scope for scope in bot_scopes(manifest) if scope not in used]
    assert not unused, f"manifest.yml asks for scopes nothing uses: {unused}"


def test_every_subscribed_event_is_granted_its_scopes(manifest: dict[str, Any]) -> None:
    unknown = [event for event in bot_events(manifest) if event not in EVENT_SCOPES]
    assert not unknown, f"add these events to tests/fakeslack/scopes.py: {unknown}"
    granted = set(bot_scopes(manifest))
    missing = {
        event: [s for s in EVENT_SCOPES[event].scopes if s not in granted]
        for event in bot_events(manifest)
    }
    missing = {event: scopes for event, scopes in missing.items() if scopes}
    assert not missing, f"manifest.yml subscribes to events it lacks scopes for: {missing}"


def test_call_sites_are_read_from_source(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "def f(client):\n"
        "    client.files_upload_v2(channel='D1', content='x')\n"
        "    client.api_call('reactions.add')\n"
        "    client.not_a_slack_method()\n",
        encoding="utf-8",
    )
    found = sorted(method for _where, method in call_sites([source], root=tmp_path))
    assert found == ["files.completeUploadExternal", "files.getUploadURLExternal", "reactions.add"]
