"""`run.py preview`: `mkdocs serve --livereload --dirty`, noticing a saved file sooner.

    python -m playbook_mkdocs.serve [-a IP:PORT] [-f mkdocs.yml] [-o] [-v | -q]

MkDocs' development server looks for changed files every half second (its `LiveReloadServer`
polls the watched folders with watchdog's `PollingObserver`): a quarter of a second on average,
half a second at worst, passes between the save and the start of the rebuild, of a preview that
shows the edited page about a second after the save at size L. This command serves the site as
`mkdocs serve --livereload --dirty` does, with a server that looks every `POLLING_INTERVAL`
seconds. It still polls, as MkDocs does (native file events miss changes in Docker volumes,
network drives and WSL's Windows folders); a look at the data folder costs about 1 ms at size L,
5 ms at XL.

Once a look finds a change, the server waits until none has come for `build_delay` seconds, so
that the changes of one save are built together, then builds. Every change one look finds comes
at once; the wait gathers what the looks at the other watched folders find, each folder looked
at on its own clock. With looks every 0.1 s, `BUILD_DELAY` (0.05 s, MkDocs' own is 0.1 s)
builds together three in four changes that reach two folders at once (a `git pull`), where
MkDocs' looks every 0.5 s and 0.1 s wait build together one in three.

Everything else is MkDocs'; and the playbook plugin does under this command exactly what it does
under `mkdocs serve --dirty` (`playbook_mkdocs.preview`), which keeps working as it did. One
difference: terminated (SIGTERM), it stops as when interrupted, removing its folders.

What of MkDocs 1.6 it relies on, all of it public, as `mkdocs.commands.serve.serve` uses it:
`mkdocs.config.load_config` (with `config_file`, `site_dir`, `dev_addr`), the plugins' `on_startup`
(command "serve", dirty), `on_serve` and `on_shutdown` events, `mkdocs.commands.build.build`
(with `serve_url` and `dirty`), `mkdocs.exceptions.MkDocsException` (a failed build, shown as
MkDocs shows it), and `mkdocs.livereload.LiveReloadServer`: its constructor (with
`polling_interval`), `watch`, `serve`, `shutdown`, and its attributes `error_handler` and
`build_delay`. The steps are those of `mkdocs.commands.serve.serve` in MkDocs 1.6.1 for a dirty,
live-reloading build; the log lines ("Reloading browsers", …) are MkDocs' own, printed as
`mkdocs` prints them to a pipe.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

POLLING_INTERVAL = 0.1
"""Seconds between two looks at the watched files (MkDocs' own server: 0.5)."""
BUILD_DELAY = 0.05
"""Seconds without a change noticed before a build starts (MkDocs' own server: 0.1)."""

log = logging.getLogger("mkdocs.playbook.serve")


def serve(
    config_file: str | None = None,
    dev_addr: str | None = None,
    *,
    open_in_browser: bool = False,
    polling_interval: float = POLLING_INTERVAL,
) -> None:
    """Build the site into a temporary folder, serve it, and rebuild it (dirty) on every save
    until interrupted; then remove the folder."""
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    try:
        _serve(site_dir, config_file, dev_addr, open_in_browser, polling_interval)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(
    site_dir: str,
    config_file: str | None,
    dev_addr: str | None,
    open_in_browser: bool,
    polling_interval: float,
) -> None:
    def get_config() -> MkDocsConfig:
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    server = make_server(builder, host, port, site_dir, mount_path, polling_interval)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_in_browser)  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()


def make_server(
    builder: Callable[[], None],
    host: str,
    port: int,
    site_dir: str,
    mount_path: str = "/",
    polling_interval: float = POLLING_INTERVAL,
) -> LiveReloadServer:
    """MkDocs' live-reloading server of `site_dir`, looking for changes every
    `polling_interval` seconds and building `BUILD_DELAY` seconds after the last, with the
    site's own 404 page."""
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=polling_interval,
    )

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir, f"{code}.html")
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    server.build_delay = BUILD_DELAY
    return server


def _serve_url(host: str, port: int, mount_path: str) -> str:
    """The site's address: the mount path with one slash either side, as MkDocs makes it."""
    return f"http://{host}:{port}" + ("/" + mount_path.lstrip("/")).rstrip("/") + "/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m playbook_mkdocs.serve",
        description="Preview the site, rebuilding only what each save changes "
        "(mkdocs serve --livereload --dirty, noticing a save sooner).",
    )
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="default: localhost:8000")
    parser.add_argument("-f", "--config-file", metavar="FILE", help="default: mkdocs.yml")
    parser.add_argument(
        "-o", "--open", action="store_true", help="open the site in a browser once it is built"
    )
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument("-v", "--verbose", action="store_true", help="log MkDocs' debug lines")
    verbosity.add_argument("-q", "--quiet", action="store_true", help="log only warnings")
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    _log_as_mkdocs(level)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve(args.config_file, args.dev_addr, open_in_browser=args.open)
    except MkDocsException as error:  # a failed first build, a broken mkdocs.yml
        error.show()
        return error.exit_code
    except KeyboardInterrupt:  # before serving: during the first build
        return 130
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Stop when terminated as when interrupted (Ctrl-C), so that the site's folder and the
    preview's go too (`mkdocs serve` leaves them behind)."""
    raise KeyboardInterrupt


def _log_as_mkdocs(level: int) -> None:
    """MkDocs' log lines on stderr, as the `mkdocs` command prints them to a file or pipe."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(level)
    logger.propagate = False
    stream = logging.StreamHandler()
    stream.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(stream)


if __name__ == "__main__":
    sys.exit(main())
