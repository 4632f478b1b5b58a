"""The playbook's data model: one pydantic model per kind of data file."""
