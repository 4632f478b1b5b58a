"""The checks across files, one plain function per concern, each given the `Context`.

Each check looks only at valid files (a broken file is reported once, on its own) and reports
through the context; none depends on another's results, so their order is only the order a
reader meets the data in, but for `check_missing_personas`, which reports what the others found.
"""

from __future__ import annotations

from collections.abc import Callable

from playbook.validate.checks.message_tests import check_message_tests
from playbook.validate.checks.messaging import check_snippets
from playbook.validate.checks.org import (
    check_channels,
    check_clusters,
    check_icp,
    check_roles,
    check_settings,
    check_tagging,
    check_templates,
)
from playbook.validate.checks.personas import check_personas
from playbook.validate.checks.programs import check_event_plans, check_kpis, check_timelines
from playbook.validate.checks.renames import (
    check_former_ids,
    check_former_session_and_snippet_ids,
    check_missing_personas,
)
from playbook.validate.checks.required import check_required_files
from playbook.validate.checks.results import check_results, check_results_settings
from playbook.validate.checks.sessions import check_sessions
from playbook.validate.context import Context

Check = Callable[[Context], None]

CHECKS: tuple[Check, ...] = (
    check_required_files,
    check_roles,
    check_channels,
    check_clusters,
    check_tagging,
    check_icp,
    check_templates,
    check_settings,
    check_personas,
    check_former_ids,
    check_event_plans,
    check_timelines,
    check_kpis,
    check_sessions,
    check_results_settings,
    check_results,
    check_snippets,
    check_message_tests,
    check_former_session_and_snippet_ids,
    check_missing_personas,  # last: the others collect the references it reports
)
"""Every check, in the order they run."""
