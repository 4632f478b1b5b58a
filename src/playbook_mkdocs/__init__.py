"""The playbook's MkDocs plugin (`plugins: [playbook]` in mkdocs.yml): see `plugin`."""
