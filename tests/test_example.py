"""The example playbook is the reference document's content, complete, as data."""

from __future__ import annotations

import datetime as dt

from playbook.models.playbook import Playbook

PROGRAM = "connect-2027"


def test_the_five_personas(example: Playbook) -> None:
    assert {pid: (p.name, p.short_name, p.priority) for pid, p in example.personas.items()} == {
        "exec": ("Executive Decision-Maker", "Exec", "primary"),
        "practitioner": ("Hands-on Practitioner", "Practitioner", "primary"),
        "champion": ("Business Champion", "Champion", "primary"),
        "partner": ("Partner/SI/ISV", "Partner", "primary"),
        "procurement": ("Procurement/Finance Evaluator", "Procurement", "secondary"),
    }
    # Primary personas come first, by rank.
    assert list(example.personas)[:4] == ["exec", "champion", "practitioner", "partner"]


def test_every_persona_fills_every_section_of_the_one_pager(example: Playbook) -> None:
    assert example.templates is not None
    sections = [section.field for section in example.templates.one_pager]
    for persona in example.personas.values():
        for field in sections:
            assert getattr(persona, field), f"{persona.id} has no {field}"
        assert len(persona.jtbd) == 2
        assert persona.buying_behaviour and persona.objections and persona.quote


def test_the_documents_jtbd_and_value_propositions(example: Playbook) -> None:
    exec_job = example.personas["exec"].jtbd[0]
    assert exec_job.when == "evaluating strategic platforms"
    assert exec_job.cluster == "evaluate-and-derisk"
    assert "audited ROI" in example.personas["exec"].value_proposition
    assert example.personas["practitioner"].success_metrics[0].target == "85%"


def test_the_five_jtbd_clusters(example: Playbook) -> None:
    assert list(example.clusters) == [
        "evaluate-and-derisk",
        "upskill-and-adopt",
        "build-consensus",
        "optimize-commercials",
        "grow-ecosystem",
    ]


def test_the_event(example: Playbook) -> None:
    event = example.programs[PROGRAM].event
    assert (event.start_date, event.end_date) == (dt.date(2027, 2, 9), dt.date(2027, 2, 10))
    assert (event.format, event.expected_attendance) == ("hybrid", 1200)


def test_a_two_day_program_of_at_least_25_sessions_across_the_tracks(example: Playbook) -> None:
    sessions = example.sessions[PROGRAM]
    assert len(sessions) >= 25
    tracks = {session.track for session in sessions}
    assert {"executive", "labs", "use-cases", "compliance", "partner-day"} <= tracks
    assert {session.day for session in sessions} == {1, 2}
    for session in sessions:
        assert session.personas.primary, f"{session.id} serves no primary persona"
        assert session.clusters, f"{session.id} serves no JTBD cluster"


def test_the_worked_session_example(example: Playbook) -> None:
    session = next(s for s in example.sessions[PROGRAM] if s.id == "pilot-to-production")
    assert session.title == "From Pilot to Production in 90 Days: A Customer Playbook"
    assert session.personas.primary == ["champion"]
    assert session.personas.secondary == ["exec", "practitioner"]
    assert session.angles == {"exec": "risk framing", "practitioner": "technical appendix"}
    assert session.proof == ["Before/after KPI dashboard", "Timeline", "Team roles"]
    assert session.cta == {
        "champion": "Book a 30-min Value Acceleration consult",
        "exec": "Join the Executive Roadmap briefing",
        "practitioner": "Enroll in the “Production Patterns” lab",
    }


def test_snippets_for_every_persona_including_the_documents_five(example: Playbook) -> None:
    for persona in example.personas:
        assert sum(s.persona == persona for s in example.snippets) >= 2
    bodies = " ".join(" ".join(s.body.split()) for s in example.snippets)
    for phrase in [
        "Pressure-test your 2027 roadmap with CTO peers in one afternoon",
        "Ship faster on Monday. Hands-on labs + certification included. Seats limited.",
        "Steal a 90-day KPI playbook from teams like yours.",
        "Cut 15% from your TCO.",
        "Walk out with a joint GTM plan and five customer intros.",
    ]:
        assert phrase in bodies
    assert sum(s.variant is not None for s in example.snippets) >= 4


def test_offers_kpis_reporting_and_timeline(example: Playbook) -> None:
    program = example.programs[PROGRAM]
    offers = {offer.id: offer for offer in program.offers}
    assert offers["early-bird"].deadline_week == -8
    assert (offers["team-pass"].min_group_size, offers["team-pass"].discount_percent) == (3, 20)
    assert [report.cadence for report in program.reporting] == ["weekly", "daily", "monthly"]
    kpis = example.kpis[PROGRAM]
    assert [stage.id for stage in kpis.stages] == [
        "top",
        "mid",
        "engagement",
        "outcome",
        "satisfaction",
    ]
    attendance = next(k for k in kpis.kpis if k.stage == "mid")
    assert attendance.by_persona == {
        "exec": "70%",
        "practitioner": "60%",
        "champion": "65%",
        "procurement": "50%",
        "partner": "75%",
    }
    phases = example.timelines[PROGRAM].phases
    assert (phases[0].start_week, phases[-1].end_week) == (-12, 4)
    assert len(phases) == 7


def test_tagging_raci_icp_and_templates(example: Playbook) -> None:
    tags = {field.id: field for field in example.tagging.fields}
    assert tags["persona"].required and tags["persona"].values_from == "personas"
    assert tags["buying-stage"].values == ["Discover", "Evaluate", "Commit", "Expand"]
    persona_content = example.raci[0]
    assert persona_content.accountable == "event-strategy-lead"
    assert set(persona_content.responsible) == {"product-marketing", "research-insights"}
    assert example.icp is not None
    assert sum(attribute.weight for attribute in example.icp.attributes) == 100
    assert example.templates is not None
    assert sum(item.minutes for item in example.templates.workshop_agenda) == 80
    assert example.templates.convince_your_manager.applies_to == ["practitioner", "champion"]
