"""An embedded coinlake stack for tests: the CLI's own broker, Connect worker and S3 server, on free
ports, in a data home of the test's own, so tests never touch a user's stack or its ports."""

from __future__ import annotations

import os
import random
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COINLAKE = str(ROOT / "coinlake")


def free_port(pair: bool = False) -> int:
    """A free port on 127.0.0.1; with pair, the next one is free too (the broker's controller takes port + 1)."""
    for _ in range(200):
        port = random.randrange(20000, 32000, 2)
        try:
            for candidate in (port, port + 1) if pair else (port,):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", candidate))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port")


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "COINLAKE_HOME": str(home),
        "AIRFLOW_HOME": str(home / "airflow"),
        "COINLAKE_KAFKA_PORT": str(free_port(pair=True)),
        "COINLAKE_S3_PORT": str(free_port(pair=True)),
        "COINLAKE_CONNECT_PORT": str(free_port(pair=True)),
        "COINLAKE_ASSET_COUNT": "10",
    })
    return env


def run_cli(env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """./coinlake ARGS, its output echoed for pytest's report of a failure."""
    result = subprocess.run([COINLAKE, *args], env=env, capture_output=True, text=True, timeout=timeout)
    print(result.stdout[-20000:], result.stderr[-20000:])
    return result
