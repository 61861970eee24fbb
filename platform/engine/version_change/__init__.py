"""Version changes: moving entity data between two versions of a blueprint, forward or backward, losing nothing."""

from engine.version_change.plan import Plan, Step, default_plan, parse_plan
from engine.version_change.run import Outcome, VersionChange, change_version

__all__ = ["Outcome", "Plan", "Step", "VersionChange", "change_version", "default_plan", "parse_plan"]
