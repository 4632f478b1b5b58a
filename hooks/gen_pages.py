"""The mkdocs-gen-files script: write the playbook's generated pages into the build.

A thin adapter over `playbook.site.write_pages`, the function `playbook generate OUT_DIR` uses
to write the same pages to a folder without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files
from mkdocs.exceptions import PluginError

from playbook.site import RenderError, data_dir, load_site, write_pages

site = load_site(data_dir(Path(mkdocs_gen_files.config.config_file_path).parent))
try:
    write_pages(site, lambda path: mkdocs_gen_files.open(path, "w", encoding="utf-8"))
except RenderError as error:
    raise PluginError(f"{error}. Nothing was built.") from None
