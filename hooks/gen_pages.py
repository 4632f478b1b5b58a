"""The mkdocs-gen-files script: write the playbook's generated pages into the build.

A thin adapter over `playbook.site.rendered_pages`, which `playbook generate OUT_DIR` also uses
to write the same pages to a folder without MkDocs. A page whose text has not changed since an
earlier build in the same `mkdocs serve` keeps that build's timestamp, so `--dirty` skips it.

Under `mkdocs build` the hook has already started rendering the pages in a second process
(`playbook.site.PagesAhead`): the files are registered empty here, and the hook hands MkDocs
each page's text when it reads the page.
"""

from __future__ import annotations

import os
from pathlib import Path

import mkdocs_gen_files
from mkdocs.exceptions import PluginError

from playbook.site import (
    RenderError,
    data_dir,
    load_site,
    rendered_pages,
    rendering_ahead,
    text_since,
)

site = load_site(data_dir(Path(mkdocs_gen_files.config.config_file_path).parent))
directory = Path(mkdocs_gen_files.directory)
if rendering_ahead(site) is not None:
    for page in site.pages:
        mkdocs_gen_files.open(page.path, "w", encoding="utf-8").close()
else:
    try:
        for page, text in rendered_pages(site):
            with mkdocs_gen_files.open(page.path, "w", encoding="utf-8") as out:
                out.write(text)
            since = text_since(page.path, text)
            os.utime(directory / page.path, ns=(since, since))
    except RenderError as error:
        raise PluginError(f"{error}. Nothing was built.") from None
