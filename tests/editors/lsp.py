"""A client of the YAML language server, speaking the Language Server Protocol over stdio as an
editor does: messages framed by a Content-Length header, requests answered by id, and the
server's own requests (for the editor's settings) answered from `settings`."""

from __future__ import annotations

import json
import queue
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

WAIT = 120.0
"""Seconds to wait for an answer: the server starts node and reads the schema first, which a
loaded machine can make slow; the deadline is only reached when something is wrong."""

Message = dict[str, Any]


class LanguageServer:
    """`command` started with pipes; every message it sends is read on a thread of its own."""

    def __init__(self, command: list[str], settings: dict[str, Any]):
        self.settings = settings
        self.log = tempfile.TemporaryFile()
        """What the server writes on standard error (a file: a full pipe would stop it)."""
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.log)
        self.received: queue.Queue[Message | None] = queue.Queue()
        self.last_id = 0
        threading.Thread(target=self.read, daemon=True, name="lsp-reader").start()

    def read(self) -> None:
        """Each framed message onto `received`; None when the server's output ends."""
        out = self.process.stdout
        assert out is not None
        while True:
            headers = {}
            while (line := out.readline().decode("ascii").strip()):
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if "content-length" not in headers:
                self.received.put(None)
                return
            self.received.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        """The result of a request, once the server answers it."""
        self.last_id += 1
        asked = self.last_id
        self.send({"id": asked, "method": method, "params": params})
        answer = self.wait_for(lambda m: m.get("id") == asked and "method" not in m,
                               f"the answer to {method}")
        assert "error" not in answer, answer
        return answer.get("result")

    def wait_for(self, wanted: Callable[[Message], bool], what: str) -> Message:
        """The next message that is `wanted`, answering the server's requests meanwhile."""
        deadline = time.monotonic() + WAIT
        while True:
            try:
                message = self.received.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"waited {WAIT:.0f} s for {what}") from None
            if message is None:
                raise AssertionError(f"the server stopped before {what}: {self.stderr()}")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": self.answer(message)})
            if wanted(message):
                return message

    def answer(self, request: Message) -> Any:
        """What an editor answers the server: its settings, section by section."""
        if request["method"] == "workspace/configuration":
            return [self.settings.get(item.get("section")) for item in request["params"]["items"]]
        return None

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def open(self, path: Path, text: str | None = None) -> list[Message]:
        """Open `path` (with `text` in place of what it holds, if given) as an editor does, and
        return the diagnostics the server publishes for it."""
        uri = path.resolve().as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_text(encoding="utf-8") if text is None else text}})
        published = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri, f"the diagnostics of {path.name}")
        diagnostics: list[Message] = published["params"]["diagnostics"]
        return diagnostics

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.request("shutdown", None)
                self.notify("exit", None)
                self.process.wait(timeout=WAIT)
            finally:
                if self.process.poll() is None:
                    self.process.kill()
                    self.process.wait()
                self.log.close()
