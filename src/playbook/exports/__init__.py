"""Files to take away, made from the validated playbook: `json_file` (the whole playbook and its
JSON Schema), `csv_files` (for spreadsheets, CRMs and marketing automation) and `ics` (iCalendar
for calendar apps). Nothing here knows the site engine or where the files go: the site map
(`playbook.pages.downloads`) places them, and `playbook.site` hands each file's bytes to whoever
writes them (the MkDocs plugin, `playbook generate`, the Zensical project).

Each kind of output has one escaping function: `csv_files.csv_cell` and `ics.ical_text` (JSON is
written by `json.dumps`).
"""
