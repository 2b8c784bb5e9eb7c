"""Another origin's page in Chromium: a page served from another port of this computer (another
origin, as any site a student visits is) opens the class server's websocket, as one did before
the Origin check: it started a journey and read its code. Now the server refuses it before any
process starts."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from .browser import Tab

PAGE = """<!DOCTYPE html>
<html><head><title>waiting</title></head><body><script>
const socket = new WebSocket("ws://127.0.0.1:{port}/ws?width=100&height=30");
socket.binaryType = "arraybuffer";
let seen = "";
socket.onopen = () => {{ document.title = "opened"; socket.send('["stdin", "n"]'); }};
socket.onmessage = (event) => {{
  if (typeof event.data !== "string") seen += new TextDecoder().decode(event.data);
  const code = seen.match(/Your code: ([0-9A-Z]+)/);
  if (code) document.title = "read " + code[1];
}};
socket.onclose = (event) => {{
  if (!document.title.startsWith("read")) document.title = "closed " + event.code;
}};
</script></body></html>
"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def test_a_page_from_another_origin_cannot_open_a_tab(teacher, browser, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE.format(port=teacher.port))
    other = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        tab = Tab(browser, f"http://127.0.0.1:{other.server_address[1]}/index.html")
        tab.page.goto(tab.url)
        tab.until(lambda: tab.page.title() != "waiting", "the page's websocket to settle")
        assert tab.page.title() == "closed 1006"  # refused before it opened
        assert teacher.tabs() == []
        assert list((teacher.folder / "class-saves").glob("*.json")) == []
        tab.close()
    finally:
        other.shutdown()
        other.server_close()
    code, printed = teacher.stop()
    assert code == 130 and "Traceback" not in printed, printed
