"""The mkdocs-gen-files script: write the playbook's generated pages into the build.

A thin adapter: `playbook generate OUT_DIR` writes the same pages to a folder without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

from playbook.site import data_dir, load_site

config = mkdocs_gen_files.config
site = load_site(data_dir(Path(config.config_file_path).parent))
for page in site.pages:
    with mkdocs_gen_files.open(page.path, "w", encoding="utf-8") as out:
        out.write(site.render(page))
