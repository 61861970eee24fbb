"""Write a release's lock: requirements/base.txt plus the hashes of wheels built from sources.

A few pinned packages are published on PyPI only as source archives. ``bin/build-release``
downloads them with ``pip download --require-hashes`` (so the source is the one the lock names),
builds each into a wheel once, and ships that wheel: the hosts never build anything. The wheel's
hash is not in base.txt, and hosts install with ``--require-hashes``, so this script writes the
release's own copy of the lock with each built wheel's sha256 added beside its source's hashes.
Every other line is base.txt's, unchanged.

    python3 release_lock.py requirements/base.txt release/requirements.txt built/*.whl
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(\S+)")


def canonical(name: str) -> str:
    """The PEP 503 form of a distribution name (``Flask_Principal`` -> ``flask-principal``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_identity(wheel: Path) -> tuple[str, str]:
    """(canonical name, version) from a wheel file name (PEP 427)."""
    parts = wheel.name.removesuffix(".whl").split("-")
    if len(parts) < 5:
        raise ValueError(f"{wheel.name} is not a wheel file name")
    return canonical(parts[0]), parts[1]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def add_hashes(lock: list[str], extra: dict[tuple[str, str], str]) -> list[str]:
    """``lock``'s lines with ``--hash=sha256:<extra>`` added to the pinned requirements in ``extra``.

    A requirement is its ``name==version`` line and the lines continued from it (``\\`` at the
    end); the new hash goes after the last of them. Raises ValueError when a wheel matches no pin."""
    out: list[str] = []
    found: set[tuple[str, str]] = set()
    adding: str | None = None
    for line in lock:
        match = _REQUIREMENT.match(line)
        if match:
            key = (canonical(match.group(1)), match.group(3))
            adding = extra.get(key)
            if adding is not None:
                found.add(key)
        text = line.rstrip("\n")
        if adding is not None and not text.endswith("\\"):
            out.append(f"{text} \\\n    --hash=sha256:{adding}\n")
            adding = None
            continue
        out.append(line)
    missing = sorted(f"{name}=={version}" for name, version in set(extra) - found)
    if missing:
        raise ValueError(f"built wheels that the lock does not pin: {', '.join(missing)}")
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: release_lock.py <base.txt> <output> [built wheels...]", file=sys.stderr)
        return 2
    source, target, wheels = Path(argv[0]), Path(argv[1]), [Path(w) for w in argv[2:]]
    extra = {wheel_identity(w): sha256_of(w) for w in wheels}
    try:
        lines = add_hashes(source.read_text(encoding="utf-8").splitlines(keepends=True), extra)
    except ValueError as error:
        print(f"release_lock.py: {error}", file=sys.stderr)
        return 1
    target.write_text("".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
