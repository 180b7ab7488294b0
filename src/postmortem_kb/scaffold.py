"""`postmortem new`: a commented incident file that validates as it is.

Also the pieces every command that creates incident files shares: the archive's taxonomy,
vocabulary checks with a "did you mean", file names from titles, safe YAML values, and a
full check of the text before it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import did_you_mean, format_problems, has_errors
from .load import load_yaml
from .model import ID_PATTERN, Incident
from .slugs import slugify as slugify
from .taxonomy import TAXONOMY_FILE, Taxonomy
from .validate import check_incident, parse_file, parse_loaded
from .write import AuthoringError, write_new_file

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/incident.schema.json"
_NOUNS = {"severity": "severity", "root_causes": "root cause", "services": "service"}


def read_taxonomy(folder: Path) -> Taxonomy:
    """The archive's vocabulary, or an AuthoringError saying what is wrong with it."""
    path = folder / TAXONOMY_FILE
    if not path.is_file():
        raise AuthoringError(f"no {TAXONOMY_FILE} in {folder}: is it the incidents folder?")
    taxonomy, _, problems = parse_file(path, str(path), Taxonomy)
    if taxonomy is not None:
        return taxonomy  # type: ignore[no-any-return]
    detail = format_problems(problems)
    raise AuthoringError(f"{TAXONOMY_FILE} has errors; fix them first:\n{detail}")


def vocabulary_errors(taxonomy: Taxonomy, field: str, values: list[str]) -> list[str]:
    """One message per value the taxonomy does not know (or that is not a slug)."""
    allowed = taxonomy.vocabulary(field)
    messages = []
    for value in values:
        if allowed is not None and value not in allowed:
            hint = did_you_mean(value, allowed) or f"known: {', '.join(allowed)}"
            messages.append(f"unknown {_NOUNS[field]} '{value}' ({hint})")
        elif allowed is None and not ID_PATTERN.match(value):
            messages.append(f"'{value}' is not a valid slug (lowercase letters, digits, hyphens)")
    return messages


class _Dumper(yaml.SafeDumper):
    """Safe YAML with multi-line text as readable `|` blocks."""


# Control characters are not text (an incident file may not hold them): an imported
# source's terminal colours or form feeds are left out of what is written.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    value = _CONTROL.sub("", value)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """Short lists of slugs inline (`[memory-leak, faulty-deploy]`), everything else as blocks."""
    inline = all(isinstance(item, str) and "\n" not in item for item in value)
    inline = inline and sum(len(str(item)) + 2 for item in value) < 72
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def dump_yaml(data: dict[str, Any]) -> str:
    """Fields as YAML, quoted wherever a value could be misread (`:`, `#`, `11:35`, `no`)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=96,
    )


def check_incident_text(text: str, path: Path, taxonomy: Taxonomy) -> None:
    """Raise AuthoringError unless `text` would pass `postmortem validate` at `path`."""
    incident, data, problems = parse_loaded(load_yaml(str(path), text.encode()), Incident)
    if incident is not None:
        problems += check_incident(incident.bind(path.stem, str(path)), data, taxonomy)
    if has_errors(problems):
        raise AuthoringError(f"the generated file would not validate:\n{format_problems(problems)}")


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
