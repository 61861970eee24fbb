"""Writing one benchmark's section of docs/benchmarks.md and leaving the others alone.

Each script under bench/ owns one "## " section (entities, flows ...); a run replaces only its
own, so running one benchmark never wipes another's figures.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "# Benchmarks\n"


def _starts(line: str, heading: str) -> bool:
    """``line`` opens the section ``heading`` ("## Entities" matches "## Entities (1,000 records)")."""
    return line == heading or line.startswith(heading + " ")


def replace_section(path: Path, heading: str, body: str) -> None:
    """Put ``body`` (which starts with its own "## " line) in place of the section ``heading``.

    The section runs from the first line starting with ``heading`` up to the next "## " line or the
    end of the file; without one, ``body`` is appended at the end.
    """
    text = path.read_text() if path.exists() else TITLE
    lines = text.splitlines()
    block = body.strip("\n").splitlines()
    start = next((i for i, line in enumerate(lines) if _starts(line, heading)), None)
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", *block]
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        after = ["", *lines[end:]] if end < len(lines) else []
        lines = [*lines[:start], *block, *after]
    path.write_text("\n".join(lines) + "\n")
