"""Run the real ``kindling`` console script and follow what it logs."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Self

KINDLING = str(Path(sys.executable).with_name("kindling"))
START_TIMEOUT_SECONDS = 30.0


def clean_environment(**variables: str) -> dict[str, str]:
    """Only what a process needs, so the developer's own Slack settings never leak in."""
    keep = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    return {**keep, "PYTHONUNBUFFERED": "1", **variables}


def run_kindling(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``kindling args...`` to completion."""
    return subprocess.run(
        [KINDLING, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


class KindlingProcess:
    """``kindling run`` in the background; its output is read line by line as it comes."""

    def __init__(self, *args: str, cwd: Path, env: dict[str, str]) -> None:
        self.output: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._process = subprocess.Popen(
            [KINDLING, *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def wait_for(self, needle: str, timeout: float = START_TIMEOUT_SECONDS) -> str:
        """The first line (from now on) that contains ``needle``."""
        while True:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(
                    f"kindling never said {needle!r}; it said: {self.output}"
                ) from None
            if line is None:
                raise AssertionError(f"kindling exited before saying {needle!r}: {self.output}")
            if needle in line:
                return line

    @property
    def pid(self) -> int:
        return self._process.pid

    def kill(self) -> None:
        """``kill -9``: no shutdown, no goodbye."""
        self._process.kill()
        self._process.wait(timeout=10)

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 10) -> int:
        """Send ``sig`` and wait for the exit status."""
        self._process.send_signal(sig)
        status = self._process.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return status

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self.output.append(line.rstrip())
            self._lines.put(line)
        self._lines.put(None)
