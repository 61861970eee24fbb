"""Starting `loom run` (what `make run` starts) as a real process for the browser tests."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

LOOM = str(Path(sys.executable).parent / "loom")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LoomStack:
    """`loom run` in ``directory`` with embedded PostgreSQL and Redis; output goes to a log file."""

    def __init__(self, directory: Path, port: int | None = None, env: dict[str, str] | None = None) -> None:
        self.directory = directory
        self.extra_env = dict(env or {})
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = directory / "loom-run.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 180) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
        env["PYTHONUNBUFFERED"] = "1"
        # Every story signs up from 127.0.0.1; the production limit (10 an hour) would stop the suite.
        env["LOOM_RATE_LIMIT_REGISTER"] = "200/hour"
        # Hook stories deliver to a receiver the test runs on this machine, over plain http.
        env["LOOM_HOOKS_ALLOW_HTTP"] = "true"
        env["LOOM_HOOKS_ALLOW_PRIVATE"] = "127.0.0.1/32"
        env.update(self.extra_env)
        log = self.log_path.open("ab")
        # Its own process group, as a terminal gives it: stop() sends Ctrl-C to that whole group.
        self.process = subprocess.Popen(
            [LOOM, "run", "--port", str(self.port)],
            cwd=self.directory,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        if not self.wait_for(re.escape(f"Loom is running at {self.url}"), timeout):
            self.stop()
            raise AssertionError(f"loom run did not come up:\n{self.output()[-4000:]}")
        return self.output()

    def wait_for(self, pattern: str, timeout: float = 120) -> bool:
        """Whether ``pattern`` (a regular expression) shows up in the output before ``timeout``
        seconds pass or the process ends."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.output()):
                return True
            if self.process is None or self.process.poll() is not None:
                return bool(re.search(pattern, self.output()))
            time.sleep(0.3)
        return False

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def admin_password(self) -> str | None:
        match = re.search(r"Initial password \(shown at this first start only\): (\S+)", self.output())
        return match.group(1) if match else None

    def stop(self, timeout: float = 180) -> int:
        """Ctrl-C, as a person would: to the whole process group, as a terminal sends it; returns
        the exit code."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)
