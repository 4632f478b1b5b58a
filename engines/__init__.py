"""Publishing the playbook with site engines other than MkDocs 1.6 (README, "Engines").

ProperDocs needs nothing here: it builds mkdocs.yml as it is. Zensical needs a project written
for it: `python -m engines.zensical OUT_DIR --build`.
"""
