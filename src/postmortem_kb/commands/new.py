"""`postmortem new`: a commented incident file that validates as it is.

What every command that writes incident files shares lives below: the YAML writer in
`files.yaml_write`, the checks before writing in `validation.writing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..files.atomic import AuthoringError, write_new_file
from ..files.yaml_write import SCHEMA_COMMENT, dump_yaml
from ..taxonomy import Taxonomy
from ..text.slugs import slugify
from ..validation.writing import check_incident_text, read_taxonomy, vocabulary_errors


@dataclass(frozen=True)
class NewIncident:
    """What `postmortem new` was asked for."""

    title: str
    day: date
    severity: str | None = None
    root_causes: tuple[str, ...] = ()
    services: tuple[str, ...] = ()


_DEFAULT_LINK = "../schema/incident.schema.json"


def create_incident(
    request: NewIncident, folder: Path, *, schema_link: str | None = _DEFAULT_LINK
) -> Path:
    """Check the request against the taxonomy, then write the file; return its path. The
    first line links the JSON Schema at `schema_link` for editors (none: no line)."""
    taxonomy = read_taxonomy(folder)
    title = " ".join(request.title.split())
    slug = slugify(title)
    problems = []
    if not slug:
        problems.append("the title needs letters or digits to name the file")
    if len(title) > 200:
        problems.append(f"the title is {len(title)} characters long; keep it under 200")
    severity = request.severity or _default_severity(taxonomy)
    problems += vocabulary_errors(taxonomy, "severity", [severity])
    problems += vocabulary_errors(taxonomy, "root_causes", list(request.root_causes))
    problems += vocabulary_errors(taxonomy, "services", list(request.services))
    if problems:
        raise AuthoringError("nothing written:\n" + "\n".join(f"  - {p}" for p in problems))
    path = folder / f"{request.day.isoformat()}-{slug}.yaml"
    text = render_template(request, title, severity, taxonomy)
    if schema_link != _DEFAULT_LINK:
        link = f"# yaml-language-server: $schema={schema_link}\n" if schema_link else ""
        text = text.replace(SCHEMA_COMMENT + "\n", link, 1)
    check_incident_text(text, path, taxonomy)
    write_new_file(path, text)
    return path


def _default_severity(taxonomy: Taxonomy) -> str:
    ids = [s.id for s in taxonomy.severities]
    return "SEV3" if "SEV3" in ids else ids[-1]


def render_template(request: NewIncident, title: str, severity: str, taxonomy: Taxonomy) -> str:
    services = list(request.services)
    services_note = "Affected services (slugs from taxonomy.yaml)."
    if not services:
        # Empty, never a real-looking guess: a placeholder service left in would count on
        # that service's page. Validation reminds the author until it is filled.
        services_note += "\n# TODO: name them (left empty, nothing counts on a service's page)."
    severity_note = "" if request.severity else "\n# TODO: a default; check the descriptions."
    day = request.day.isoformat()
    return _TEMPLATE.format(
        title=dump_yaml({"title": title}).rstrip(),
        severity=dump_yaml({"severity": severity}).rstrip(),
        severity_note=severity_note,
        started=dump_yaml({"started": f"{day} 00:00"}).rstrip(),
        day=day,
        services=dump_yaml({"services": services}).rstrip(),
        services_note=services_note,
        root_causes=dump_yaml({"root_causes": list(request.root_causes)}).rstrip(),
    )


_TEMPLATE = (
    SCHEMA_COMMENT
    + """
# A new incident review. The comment above each field says what goes there; the file
# validates as it is (`postmortem validate`), so fill it in at your own pace.
# Blameless: describe what the system showed and what people knew and did at each moment,
# and why it made sense then. Ask "how did this make sense?", never "who did it?".

# One line naming what broke and why (at most 200 characters).
{title}
# How bad it was: a severity id from taxonomy.yaml (SEV1 is the most severe).{severity_note}
{severity}
# draft while writing, in-review when asking for reviews, published once agreed.
status: draft
# internal (kept out of public builds) or public.
visibility: internal
# The clock of times below written without an offset: UTC, Europe/Paris, … or UTC+05:30.
timezone: UTC
# When impact began, YYYY-MM-DD HH:MM. TODO: the real time.
{started}
# When it was noticed, when impact stopped, when the incident was closed. Uncomment them
# as you learn them; time to detect, mitigate and resolve are computed from them.
# detected: {day} 00:05
# mitigated: {day} 01:00
# resolved: {day} 01:30
# {services_note}
{services}
# Root-cause tags from taxonomy.yaml; incidents sharing one are cross-linked. Look for
# the conditions that allowed the failure, usually more than one.
{root_causes}
# What set it off and how it was noticed (slugs from taxonomy.yaml's triggers and
# detection_methods), and conditions that made it worse (contributing_factors).
# trigger: deploy
# detection: automated-alert
# contributing_factors: []
# Who was affected and how much, in a sentence (share of users, failed requests, money).
impact: ""
# What happened, for someone who was not there (markdown). What did the people involved
# see, and what did they know at each point?
summary: |
  TODO: what happened, in a short paragraph.
# The causal chain, blamelessly (markdown): which conditions lined up, and what made the
# failure possible and hard to see? Describe systems and decisions, not individuals.
root_cause: ""
# What stopped the impact, and what closed the incident (markdown).
resolution: ""
# The events in order. at: HH:MM (on the day of the previous event; the first on the day
# of `started`) or YYYY-MM-DD HH:MM; kind: detection, investigation, escalation,
# mitigation, resolution, communication or note; event: what happened.
timeline: []
#  - at: "00:05"
#    kind: detection
#    event: An alert on the error rate fired.
# Follow-ups that make the next incident less likely or less bad. title; kind: fix,
# prevent, detect, mitigate or process; owner (a team); status: open, in-progress, done
# or wont-do; due: YYYY-MM-DD; link: the ticket.
action_items: []
#  - title: Alert on memory use before it runs out
#    kind: detect
#    owner: sre-team
#    due: {day}
# What went well, what went wrong, and where luck rather than design limited the damage.
lessons:
  went_well: []
  went_wrong: []
  lucky: []
# Ids (file names without .yaml) of other incidents worth reading with this one.
related: []
# Further reading: status page post, chat log, dashboards ({{title: …, url: …}}).
links: []
# Who wrote this review.
authors: []
"""
)
