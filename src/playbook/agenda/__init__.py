"""The event platform's agenda, read from its export: frab/pretalx schedule JSON and XML,
Sessionize's "All Data" JSON and pretalx's widget JSON, as one list of sessions
(`playbook.agenda.sources.read_agenda`). Reading knows nothing of the playbook or its site engine.
"""
