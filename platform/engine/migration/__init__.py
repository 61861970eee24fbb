"""Moving entity data between two versions of a blueprint, forward or backward, losing nothing."""

from engine.migration.plan import Plan, Step, default_plan, parse_plan
from engine.migration.run import Migration, Outcome, migrate_record

__all__ = ["Migration", "Outcome", "Plan", "Step", "default_plan", "migrate_record", "parse_plan"]
