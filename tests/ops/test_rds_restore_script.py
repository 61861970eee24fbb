"""ops/bin/rds-point-in-time-restore against a stand-in ``aws`` command.

The stand-in answers the describe calls with a production-like instance, records every call, and
can make the waiter give up a few times or the restore fail, so the tests check what the script
sends to RDS and how it waits, without an AWS account. The script itself runs for real (bash,
python3 for the JSON), as an operator would run it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "ops" / "bin" / "rds-point-in-time-restore"
SOURCE = "loom-production-blue"
BACKUP_ARN = "arn:aws:rds:eu-west-1:123456789012:auto-backup:ab-test"

SOURCE_INSTANCE: dict[str, Any] = {
    "DBInstanceIdentifier": SOURCE,
    "DBInstanceClass": "db.m7g.large",
    "DBSubnetGroup": {"DBSubnetGroupName": SOURCE},
    "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0aa"}, {"VpcSecurityGroupId": "sg-0bb"}],
    "DBParameterGroups": [{"DBParameterGroupName": "loom-production-blue-2025"}],
    "MultiAZ": True,
    "IAMDatabaseAuthenticationEnabled": True,
    "DeletionProtection": True,
    "EnabledCloudwatchLogsExports": ["postgresql", "upgrade"],
    "LatestRestorableTime": "2025-01-31T10:00:00+00:00",
    "KmsKeyId": "arn:aws:kms:eu-central-1:123456789012:key/rds",
    "MasterUserSecret": {"KmsKeyId": "arn:aws:kms:eu-central-1:123456789012:key/secrets"},
    "CACertificateIdentifier": "rds-ca-rsa2048-g1",
    "PerformanceInsightsEnabled": True,
    "PerformanceInsightsKMSKeyId": "arn:aws:kms:eu-central-1:123456789012:key/rds",
    "PerformanceInsightsRetentionPeriod": 7,
    "MonitoringInterval": 30,
    "MonitoringRoleArn": "arn:aws:iam::123456789012:role/loom-production-blue-monitoring",
    "TagList": [
        {"Key": "Project", "Value": "loom"},
        {"Key": "Environment", "Value": "production"},
        {"Key": "ManagedBy", "Value": "terraform"},
    ],
}

FAKE_AWS = r"""#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
state = os.environ["FAKE_AWS_DIR"]
with open(os.path.join(state, "calls.jsonl"), "a") as log:
    log.write(json.dumps(args) + "\n")
config = json.load(open(os.path.join(state, "config.json")))

def value(flag):
    return args[args.index(flag) + 1] if flag in args else None

command = args[1] if len(args) > 1 else ""
if command == "describe-db-instances":
    ident = value("--db-instance-identifier")
    if ident == config["source"]["DBInstanceIdentifier"]:
        if config.get("source_unreachable"):
            sys.exit(254)
        print(json.dumps({"DBInstances": [config["source"]]}))
    elif "--query" in args:
        print(config.get("target_status", "creating"))
    else:
        print(json.dumps({"DBInstances": [{"DBInstanceIdentifier": ident,
            "Endpoint": {"Address": ident + ".abc.eu-central-1.rds.amazonaws.com"},
            "MasterUserSecret": {"SecretArn": "arn:aws:secretsmanager:eu-central-1:1:secret:rds!db-new"}}]}))
elif command == "describe-db-instance-automated-backups":
    print(json.dumps({"DBInstanceAutomatedBackups": [
        {"DBInstanceIdentifier": "other", "DBInstanceAutomatedBackupsArn": "arn:other",
         "RestoreWindow": {"LatestTime": "2025-01-31T09:58:00+00:00"}},
        {"DBInstanceIdentifier": config["source"]["DBInstanceIdentifier"],
         "DBInstanceAutomatedBackupsArn": config["backup_arn"], "InstanceCreateTime": "2024-01-01T00:00:00+00:00",
         "RestoreWindow": {"LatestTime": "2025-01-31T09:58:00+00:00"}}]}))
elif command == "wait":
    counter = os.path.join(state, "waits")
    done = int(open(counter).read()) if os.path.exists(counter) else 0
    open(counter, "w").write(str(done + 1))
    sys.exit(0 if done >= config.get("waits_before_available", 0) else 255)
else:
    print("{}")
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    calls: list[list[str]]

    def call(self, command: str) -> list[str]:
        """The one recorded call of ``aws rds <command>``."""
        found = [c for c in self.calls if c[:2] == ["rds", command]]
        assert len(found) == 1, f"{command}: {found}"
        return found[0]

    def commands(self) -> list[str]:
        return [" ".join(c[:2]) for c in self.calls]


class Restore(Protocol):
    def __call__(self, *args: str, **config: Any) -> Run: ...


def _option(call: list[str], flag: str) -> str:
    return call[call.index(flag) + 1]


@pytest.fixture
def restore(tmp_path: Path) -> Restore:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "aws"
    fake.write_text(FAKE_AWS.replace("/usr/bin/env python3", sys.executable, 1))
    fake.chmod(0o755)

    def run(*args: str, **config: Any) -> Run:
        (tmp_path / "config.json").write_text(
            json.dumps({"source": SOURCE_INSTANCE, "backup_arn": BACKUP_ARN, **config})
        )
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "FAKE_AWS_DIR": str(tmp_path),
            "AWS_REGION": "eu-central-1",
        }
        done = subprocess.run(
            ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        log = tmp_path / "calls.jsonl"
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        log.unlink(missing_ok=True)
        (tmp_path / "waits").unlink(missing_ok=True)
        return Run(done.returncode, done.stdout, done.stderr, calls)

    return run


def test_dry_run_prints_a_restore_with_the_sources_settings_and_changes_nothing(restore: Restore) -> None:
    run = restore("--stage", "production", "--time", "2025-01-31T09:15:00Z", "--dry-run")

    assert run.returncode == 0, run.stderr
    assert run.commands() == ["rds describe-db-instances"]
    printed = run.stderr
    assert "aws rds restore-db-instance-to-point-in-time --region eu-central-1" in printed
    assert f"--source-db-instance-identifier {SOURCE}" in printed
    assert "--target-db-instance-identifier loom-production-r202501310915" in printed
    assert "--restore-time 2025-01-31T09:15:00Z" in printed
    assert f"--db-subnet-group-name {SOURCE}" in printed
    assert "--vpc-security-group-ids sg-0aa sg-0bb" in printed
    assert "--db-parameter-group-name loom-production-blue-2025" in printed
    assert "--multi-az" in printed and "--no-multi-az" not in printed
    assert "--deletion-protection" in printed and "--enable-iam-database-authentication" in printed
    assert "aws rds modify-db-instance" in printed and "--manage-master-user-password" in printed
    assert "Next steps" in run.stdout


def test_restore_waits_until_available_then_prints_the_endpoint(restore: Restore) -> None:
    run = restore("--stage", "production", "--latest", "--target-id", "loom-production-r1", waits_before_available=2)

    assert run.returncode == 0, run.stderr
    restore_call = run.call("restore-db-instance-to-point-in-time")
    assert "--use-latest-restorable-time" in restore_call and "--restore-time" not in restore_call
    assert _option(restore_call, "--db-instance-class") == "db.m7g.large"
    assert _option(restore_call, "--enable-cloudwatch-logs-exports") == "postgresql"
    tags = json.loads(_option(restore_call, "--tags"))
    assert {"Key": "Project", "Value": "loom"} in tags
    assert {"Key": "RestoredFrom", "Value": SOURCE} in tags
    assert all(t["Key"] != "ManagedBy" for t in tags)
    # Three waits until the restore is available (two give up), the modification, its wait.
    commands = run.commands()
    assert commands.index("rds modify-db-instance") > commands.index("rds restore-db-instance-to-point-in-time")
    assert commands.count("rds wait") == 4
    modify = run.call("modify-db-instance")
    assert _option(modify, "--master-user-secret-kms-key-id").endswith("key/secrets")
    assert _option(modify, "--monitoring-interval") == "30"
    assert _option(modify, "--performance-insights-kms-key-id").endswith("key/rds")
    assert _option(restore_call, "--ca-certificate-identifier") == "rds-ca-rsa2048-g1"
    assert "loom-production-r1.abc.eu-central-1.rds.amazonaws.com:5432" in run.stdout
    assert "rds!db-new" in run.stdout


def test_a_failed_restore_stops_the_wait(restore: Restore) -> None:
    run = restore("--stage", "production", "--latest", waits_before_available=100, target_status="incompatible-restore")

    assert run.returncode == 1
    assert "incompatible-restore" in run.stderr
    assert "rds modify-db-instance" not in run.commands()


def test_from_backup_region_restores_the_copied_backups_even_when_the_region_is_down(restore: Restore) -> None:
    run = restore(
        "--stage", "production", "--time", "2025-01-31T09:15:00Z", "--from-backup-region", "eu-west-1",
        "--subnet-group", "loom-dr", "--security-group-ids", "sg-0dr1,sg-0dr2", "--instance-class", "db.m7g.large",
        source_unreachable=True,
    )  # fmt: skip

    assert run.returncode == 0, run.stderr
    restore_call = run.call("restore-db-instance-to-point-in-time")
    assert _option(restore_call, "--region") == "eu-west-1"
    assert _option(restore_call, "--source-db-instance-automated-backups-arn") == BACKUP_ARN
    assert "--source-db-instance-identifier" not in restore_call
    assert _option(restore_call, "--db-subnet-group-name") == "loom-dr"
    sg_at = restore_call.index("--vpc-security-group-ids")
    assert restore_call[sg_at + 1 : sg_at + 3] == ["sg-0dr1", "sg-0dr2"]
    assert "--db-parameter-group-name" not in restore_call
    modify = run.call("modify-db-instance")
    assert "--master-user-secret-kms-key-id" not in modify and "--enable-performance-insights" not in modify


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stage", "staging", "--latest"], "--stage must be development or production"),
        (["--stage", "production"], "give --time or --latest"),
        (["--stage", "production", "--latest", "--time", "2025-01-31T09:15:00Z"], "not both"),
        (["--stage", "production", "--time", "2025-01-31 09:15"], "ISO 8601 in UTC"),
        (["--stage", "production", "--time", "2025-01-31T09:15:00+01:00"], "ISO 8601 in UTC"),
        (["--stage", "production", "--latest", "--from-backup-region", "eu-west-1"], "--subnet-group"),
        (["--stage", "production", "--latest", "--target-id", "Bad_Name"], "--target-id"),
        (["--stage", "production", "--time", "2025-01-31T11:00:00Z"], "after the latest restorable time"),
        (["--stage", "production", "--latest", "--frobnicate"], "unknown option"),
    ],
)
def test_bad_input_is_refused_before_anything_changes(restore: Restore, args: list[str], message: str) -> None:
    run = restore(*args)

    assert run.returncode == 2
    assert message in run.stderr
    assert [c for c in run.commands() if not c.startswith("rds describe")] == []
