"""A program's results against its targets: the reporting windows, the figures the pages show,
and `playbook results import`, which turns an export into aggregates (never rows).

- `windows`: which dates each results file covers, from the reporting cadence;
- `targets`: a KPI's target text (`> 4.3/5`, `8–10%`, `70%`) as numbers, and the on/behind/ahead
  mark of a result against it;
- `measures`: what each KPI `measure:` computes from a persona's counts;
- `figures`: the numbers the pages show, per program and per persona, worked out once;
- `exports`, `tally`, `writer`, `command`: the import.
"""
