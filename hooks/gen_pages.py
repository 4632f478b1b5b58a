"""The mkdocs-gen-files script: the playbook plugin adds its generated pages to the build.

All the work is the plugin's (`playbook_mkdocs.plugin.PlaybookPlugin.write_pages`): this script
only hands it gen-files' virtual docs folder.
"""

from __future__ import annotations

import mkdocs_gen_files
from mkdocs.exceptions import PluginError
from mkdocs_gen_files.editor import FilesEditor

from playbook_mkdocs.plugin import NAME, PlaybookPlugin

plugin = mkdocs_gen_files.config.plugins.get(NAME)
if not isinstance(plugin, PlaybookPlugin):
    raise PluginError(f"gen-files' script needs the `{NAME}` plugin: list it in mkdocs.yml")
plugin.write_pages(FilesEditor.current())
