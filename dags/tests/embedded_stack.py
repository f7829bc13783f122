"""An embedded coinlake stack for tests: the CLI's own broker, Connect worker and S3 server, on free
ports, in a data home of the test's own, so tests never touch a user's stack or its ports."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COINLAKE = str(ROOT / "coinlake")


def project_version() -> str:
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    return ET.parse(ROOT / "pom.xml").getroot().find("m:version", namespace).text


def release_directory() -> Path:
    """The release as 'mvn package' leaves it unpacked (dist/), which the compose images copy."""
    version = project_version()
    release = ROOT / "dist" / "target" / f"coinlake-{version}" / f"coinlake-{version}"
    assert release.is_dir(), f"{release} is missing: 'mvn package' (or ./coinlake dist) makes it"
    return release


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


def environment(home: Path, settings: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "COINLAKE_HOME": str(home),
        "AIRFLOW_HOME": str(home / "airflow"),
        "COINLAKE_KAFKA_PORT": str(free_port(pair=True)),
        "COINLAKE_S3_PORT": str(free_port(pair=True)),
        "COINLAKE_CONNECT_PORT": str(free_port(pair=True)),
        "COINLAKE_ASSET_COUNT": "10",
        "COINLAKE_REST_CATALOG_PORT": str(free_port()),
    })
    env.update(settings or {})
    return env


def run_cli(env: dict[str, str], *args: str, timeout: int = 900, launcher: str = COINLAKE,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    """./coinlake ARGS (or another LAUNCHER, e.g. a release's bin/coinlake), its output echoed for
    pytest's report of a failure."""
    result = subprocess.run([launcher, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    print(result.stdout[-20000:], result.stderr[-20000:])
    return result


class StackFailedToStart(RuntimeError):
    pass


def start(home: Path, settings: dict[str, str] | None = None) -> dict[str, str]:
    """'./coinlake up' on free ports in HOME, with SETTINGS added to the environment; returns the
    environment that points the CLI at it.

    A failed start is reported in full and tried once more on other ports in a fresh home: these
    tests are about what runs on the stack, and CI once saw 'up' fail here within a second, a
    failure no later run reproduced. A second failure raises with the CLI's own error first
    (pytest's summary line shows it) and the tail of every service log after it, since the logs
    live in a temporary folder nobody will look at.
    """
    try:
        return try_start(home / "first-try", settings)
    except StackFailedToStart as failure:
        # A warning, not a print: pytest lists warnings at the end of a run that passes too.
        warnings.warn(f"the embedded stack failed to start, so it was tried once more on other ports: {failure}")
    return try_start(home / "second-try", settings)


def try_start(home: Path, settings: dict[str, str] | None = None) -> dict[str, str]:
    """The stack's environment; on failure the stack is stopped again and the error says why."""
    home.mkdir(parents=True)
    env = environment(home, settings)
    result = run_cli(env, "up", timeout=300)
    if result.returncode == 0:
        return env
    errors = [line for line in result.stderr.splitlines() if line.startswith("coinlake:")]
    logs = "".join(f"\n--- last lines of {log} ---\n" + "\n".join(log.read_text(errors="replace").splitlines()[-40:])
                   for log in sorted((home / "logs").glob("*.log")))
    run_cli(env, "down", timeout=300)
    ports = ", ".join(f"{name}={env[name]}" for name in env if name.endswith("_PORT") and name.startswith("COINLAKE_"))
    raise StackFailedToStart(f"'coinlake up' exited with {result.returncode}: "
                             f"{' '.join(errors) or result.stderr.strip()[-2000:] or '(no error printed)'} ({ports})"
                             f"\n--- its output ---\n{result.stdout[-5000:]}{result.stderr[-5000:]}{logs}")
