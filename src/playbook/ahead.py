"""Pages rendered ahead: a forked child process renders the site's pages while this one works.

Under `mkdocs build` the MkDocs plugin starts one as soon as the data is validated, and MkDocs
converts the hand-written pages while the child renders the generated ones, in the order MkDocs
will read them; on a machine with a second core, rendering then costs the build next to
nothing. Nothing here depends on MkDocs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
from collections.abc import Sequence
from typing import BinaryIO, NoReturn

from playbook.site import Site, render_page

_HEADER = struct.Struct("!II")
"""Each page is sent as the sizes of its path and its text, then both, in UTF-8."""


class PagesAhead:
    """The site's pages, rendered by a forked child process while this one works.

    The child renders them in `order` (page paths; site order by default): the order they will
    be asked for. `text(path)` waits only if the child has not sent that page yet. A page the
    child did not send, because it failed or was stopped, is rendered here, so the texts are the
    same either way and a broken page raises RenderError here. Fork only while this process has
    one thread.
    """

    def __init__(self, site: Site, order: Sequence[str] = ()) -> None:
        self.site = site
        self._texts: dict[str, str] = {}
        self._unsent = len(site.pages)
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: send every page, then leave without cleaning up
            os.close(read)
            _send_pages(site, order or [page.path for page in site.pages], write)
        os.close(write)
        self._pipe: BinaryIO | None = os.fdopen(read, "rb")

    def text(self, path: str) -> str:
        """The Markdown of the page at `path`."""
        while path not in self._texts and self._pipe is not None:
            self._receive()
        text = self._texts.pop(path, None)
        return text if text is not None else render_page(self.site, self.site.page_by_path[path])

    def _receive(self) -> None:
        assert self._pipe is not None
        header = self._pipe.read(_HEADER.size)
        if len(header) == _HEADER.size:
            path_size, text_size = _HEADER.unpack(header)
            body = self._pipe.read(path_size + text_size)
            if len(body) == path_size + text_size:
                self._texts[body[:path_size].decode()] = body[path_size:].decode()
                self._unsent -= 1
                if self._unsent:
                    return
        self.close()  # the child is done, or failed: render what is left here

    def close(self) -> None:
        """Stop the child if it is still running, and collect it."""
        if self._pipe is None:
            return
        self._pipe.close()
        self._pipe = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGTERM)
        os.waitpid(self._pid, 0)


def _send_pages(site: Site, order: Sequence[str], pipe: int) -> NoReturn:
    status = 1
    try:
        with os.fdopen(pipe, "wb") as out:
            for page_path in order:
                text = render_page(site, site.page_by_path[page_path])
                path, body = page_path.encode(), text.encode()
                out.write(_HEADER.pack(len(path), len(body)) + path + body)
        status = 0
    finally:
        os._exit(status)  # never return into the parent's code
