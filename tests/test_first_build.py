"""The launcher's build on first use, with the real Maven, on a copy of the working tree: a line
per module with the time so far and where the full log is; a failed build shows the compiler's
errors and the log's path, not Maven's thousands of lines."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOT_COPIED = shutil.ignore_patterns("target", ".git", ".coinlake", ".venv", "__pycache__")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    copy = tmp_path_factory.mktemp("clone") / "coinlake"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    return copy


def launch(tree, *args):
    env = dict(os.environ, COINLAKE_HOME=str(tree / ".coinlake"))
    return subprocess.run([str(tree / "coinlake"), *args], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=1200)


def test_the_first_build_shows_a_line_per_module_its_time_and_its_log(tree):
    run = launch(tree, "--version")

    assert run.returncode == 0, run.stderr
    modules = re.findall(r"^coinlake: \[(\d+)/(\d+)\] (.+) \(\d+ s\)$", run.stderr, re.MULTILINE)
    assert modules, run.stderr
    total = int(modules[0][1])
    assert [int(k) for k, _, _ in modules] == list(range(1, total + 1))
    assert "coinlake cli" in [name for _, _, name in modules]
    assert re.search(r"^coinlake: built in \d+ s \(log: .+/target/coinlake-build\.log\)$", run.stderr, re.MULTILINE)
    assert "[INFO]" not in run.stderr and "Download" not in run.stderr
    assert "BUILD SUCCESS" in (tree / "target/coinlake-build.log").read_text()
    assert "coinlake" in run.stdout


def test_a_failed_build_shows_the_compiler_errors_and_the_log(tree):
    source = tree / "core/src/main/java/io/coinlake/process/GoSignal.java"
    source.write_text(source.read_text().replace("public final class GoSignal {",
                                                 "public final class GoSignal { this does not compile;"))

    run = launch(tree, "--version")

    assert run.returncode == 1
    assert re.search(r"^coinlake: the build failed after \d+ s\. Maven's errors:$", run.stderr, re.MULTILINE)
    assert re.search(r"^\[ERROR\] .*GoSignal\.java:\[\d+,\d+\]", run.stderr, re.MULTILINE), run.stderr
    assert re.search(r"^coinlake: full log: .+/target/coinlake-build\.log$", run.stderr, re.MULTILINE)
    assert "Re-run Maven" not in run.stderr and "[INFO]" not in run.stderr
