"""Pages rendered ahead: a forked child process renders the site's pages and makes its downloads
while this one works, and then shares with it whatever comes next for each page.

Under `mkdocs build` the MkDocs plugin starts one as soon as the data is validated. The child
renders every page, in the order MkDocs will read them, and sends each text as it goes; then it
makes the downloads (JSON, CSV, iCalendar) and sends them. This process takes each as MkDocs asks
for it. Once the plugin knows enough to finish pages (`start`: for MkDocs, which files the site
has), the two share that work: the child takes pages from the end of the order, this process from
the front as MkDocs reads them (`claim`), until they meet. Each page is finished by one of them
(by both at most once, where they meet, and then this process's work counts); the child sends
what it made of its pages (`product`). A thread here reads whatever the child sends as it comes,
so the child never waits for this process. Nothing here depends on MkDocs.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import struct
import threading
from collections.abc import Callable, Sequence
from typing import BinaryIO, NoReturn

from playbook.site import RenderError, Site, download_content, render_page

Work = Callable[[str, str], bytes]
"""Finishes a page in the child: its path and text in, what it made of them out (b"": nothing)."""
Prepare = Callable[[bytes], Work]
"""Makes the child's `Work` from the message `start` sends it."""

_HEADER = struct.Struct("!BII")
"""Each message is its kind and the sizes of a path and a body, then both (the path in UTF-8)."""
_TEXT, _DOWNLOAD, _PRODUCT, _UNMADE = 1, 2, 3, 4
"""A page's text, a download's content, what `Work` made of a page; a download not made."""
_MARKS = struct.Struct("=qq")
"""Shared by both processes: the next page this one finishes, the next the child finishes."""
_MARK = struct.Struct("=q")


class PagesAhead:
    """The site's pages and downloads, made by a forked child process while this one works.

    The child renders the pages in `order` (page paths; site order by default): the order they
    will be asked for. `text(path)` and `download(path)` wait only if the child has not sent that
    page or file yet. One the child did not send, because it failed or was stopped, is made here,
    so the texts and files are the same either way and a broken one raises RenderError here. With
    `prepare`, the child then waits for `start` and finishes pages with the `Work` that `prepare`
    makes of its message. Fork only while this process has one thread.
    """

    def __init__(
        self, site: Site, order: Sequence[str] = (), *, prepare: Prepare | None = None
    ) -> None:
        self.site = site
        self._order = list(order or [page.path for page in site.pages])
        self._place = {path: index for index, path in enumerate(self._order)}
        self._downloads = {download.path: download for download in site.downloads.files}
        self._received: dict[tuple[int, str], bytes] = {}
        self._arrived = threading.Condition()
        self._unsent = len(self._order) + len(self._downloads)
        self._marks = mmap.mmap(-1, _MARKS.size)  # shared with the child after the fork
        _MARKS.pack_into(self._marks, 0, 0, len(self._order) - 1)
        self._started = False
        read, write = os.pipe()
        orders, self._orders = os.pipe() if prepare is not None else (-1, -1)
        self._pid = os.fork()
        if self._pid == 0:  # the child: send everything, then leave without cleaning up
            os.close(read)
            if prepare is not None:
                os.close(self._orders)
            _child(site, self._order, write, prepare, orders, self._marks)
        os.close(write)
        if prepare is not None:
            os.close(orders)
        self._pipe: BinaryIO | None = os.fdopen(read, "rb")
        self._reader = threading.Thread(target=self._receive_all, daemon=True)
        self._reader.start()

    def text(self, path: str) -> str:
        """The Markdown of the page at `path`."""
        text = self._take(_TEXT, path)
        if text is None:
            return render_page(self.site, self.site.page_by_path[path])
        return text.decode()

    def download(self, path: str) -> bytes:
        """The content of the download at `path`."""
        content = self._take(_DOWNLOAD, path)
        return download_content(self._downloads[path]) if content is None else content

    def _take(self, kind: int, path: str) -> bytes | None:
        def arrived() -> bool:
            return (kind, path) in self._received or (_UNMADE, path) in self._received

        with self._arrived:
            self._arrived.wait_for(lambda: arrived() or self._pipe is None)
            body = self._received.pop((kind, path), None)
            if body is not None or self._received.pop((_UNMADE, path), None) is not None:
                self._unsent -= kind != _PRODUCT
        if not self._unsent and self._orders < 0 and not self._started:
            self._reader.join()  # everything is here and the child has nothing left to do
        return body

    def start(self, message: bytes) -> None:
        """Have the child, once it has sent every page and file, finish the pages it claims
        with the work its `prepare` makes of `message`."""
        if self._orders < 0 or self._started:
            return
        self._started = True
        orders, self._orders = self._orders, -1
        # The child reads it when it has sent everything: meanwhile, this process goes on.
        threading.Thread(target=_write, args=(orders, message), daemon=True).start()

    def claim(self, path: str) -> bool:
        """Whether this process finishes the page at `path`: True unless the child has taken
        it, in which case `product(path)` is what the child made of it."""
        index = self._place.get(path)
        if index is None:
            return True
        _, child_next = _MARKS.unpack_from(self._marks, 0)
        if index > child_next:
            return False
        _MARK.pack_into(self._marks, 0, max(index + 1, _MARK.unpack_from(self._marks, 0)[0]))
        return True

    def product(self, path: str) -> bytes:
        """What the child made of a page it took (b"" if it made nothing, failed or stopped)."""
        return self._take(_PRODUCT, path) or b""

    def _receive_all(self) -> None:
        pipe = self._pipe
        assert pipe is not None
        with contextlib.suppress(OSError, ValueError):  # closed here: stop reading
            while header := pipe.read(_HEADER.size):
                if len(header) < _HEADER.size:
                    break
                kind, path_size, body_size = _HEADER.unpack(header)
                data = pipe.read(path_size + body_size)
                if len(data) < path_size + body_size:
                    break
                with self._arrived:
                    self._received[kind, data[:path_size].decode()] = data[path_size:]
                    self._arrived.notify_all()
        with contextlib.suppress(OSError):
            pipe.close()
        os.waitpid(self._pid, 0)  # the child has closed its end: it is gone, or going
        with self._arrived:  # the child is done, or failed: what is missing is made here
            self._pipe = None
            self._arrived.notify_all()

    def close(self) -> None:
        """Stop the child if it is still running, and collect it."""
        if self._orders >= 0:
            os.close(self._orders)
            self._orders = -1
        with self._arrived:
            if self._pipe is not None:  # not collected yet, so the id is still the child's
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGTERM)
        self._reader.join()


def _write(fd: int, message: bytes) -> None:
    with contextlib.suppress(OSError), os.fdopen(fd, "wb") as out:
        out.write(message)


def _child(
    site: Site,
    order: Sequence[str],
    pipe: int,
    prepare: Prepare | None,
    orders: int,
    marks: mmap.mmap,
) -> NoReturn:
    status = 1
    try:
        with os.fdopen(pipe, "wb") as out:
            texts = {}
            for page_path in order:
                text = render_page(site, site.page_by_path[page_path])
                _send(out, _TEXT, page_path, text.encode())
                if prepare is not None:
                    texts[page_path] = text
            for download in site.downloads.files:
                try:
                    _send(out, _DOWNLOAD, download.path, download_content(download))
                except RenderError:  # the parent makes it, and says what went wrong
                    _send(out, _UNMADE, download.path, b"")
            out.flush()
            if prepare is not None:
                with os.fdopen(orders, "rb") as incoming:
                    message = incoming.read()
                if message:
                    _finish(prepare(message), order, texts, out, marks)
        status = 0
    finally:
        os._exit(status)  # never return into the parent's code


def _finish(
    work: Work, order: Sequence[str], texts: dict[str, str], out: BinaryIO, marks: mmap.mmap
) -> None:
    """Finish pages from the end of `order` until this process meets the parent."""
    while True:
        parent_next, index = _MARKS.unpack_from(marks, 0)
        if index < parent_next:
            return
        _MARK.pack_into(marks, _MARK.size, index - 1)
        path = order[index]
        _send(out, _PRODUCT, path, work(path, texts[path]))
        out.flush()


def _send(out: BinaryIO, kind: int, path: str, body: bytes) -> None:
    encoded = path.encode()
    out.write(_HEADER.pack(kind, len(encoded), len(body)) + encoded + body)
