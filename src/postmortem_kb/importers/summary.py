"""The one summary `postmortem import` prints at the end of a run."""

from __future__ import annotations

from .bulk import Report


def format_report(report: Report, *, dry_run: bool = False, verbose: bool = False) -> str:
    written = [o for o in report.outcomes if o.status == "written"]
    to_review = [o for o in written if o.review]
    refused = [o for o in report.outcomes if o.status == "refused"]
    unchanged = [o for o in report.outcomes if o.status == "unchanged"]
    verb = "would write" if dry_run else "written"
    lines = []
    if verbose:
        for outcome in written:
            lines.append(f"{outcome.source} -> {outcome.path}")
            lines += [f"    {item}" for item in outcome.read]
            lines += [f"    {item}" for item in outcome.review]
    lines.append(
        f"{len(report.outcomes)} source(s): {len(written)} {verb} "
        f"({len(to_review)} to review: each file lists at its top what its source does not "
        f"say), {len(unchanged)} unchanged (imported before), {len(refused)} refused."
    )
    lines += [f"  refused {o.source}: {o.reason}" for o in refused]
    if report.skipped:
        lines.append(f"{len(report.skipped)} skipped in the folders named:")
        lines += [f"  skipped {s.path}: {s.reason}" for s in report.skipped]
    renamed = [o for o in written if any(r.startswith("file name:") for r in o.review)]
    lines += [f"  renamed {o.source} -> {o.path} (the name was taken)" for o in renamed]
    proposals = report.proposals
    if proposals:
        terms = ", ".join([*proposals.root_causes, *proposals.services])
        counts = f"{len(proposals.root_causes)} root cause(s), {len(proposals.services)} service(s)"
        if dry_run:
            lines.append(f"New taxonomy terms needed: {counts}: {terms}.")
        elif report.terms_added:
            lines.append(f"Added to taxonomy.yaml: {counts}: {terms}. Describe them there.")
        else:
            if report.proposal_note:
                lines.append(f"{report.proposal_note}.")
            lines.append(
                f"New taxonomy terms needed: {counts}, written to {report.proposal_file}. "
                "Review them and add them to taxonomy.yaml (or run again with --add-terms); "
                "until then `postmortem validate` reports them."
            )
    return "\n".join(lines)
