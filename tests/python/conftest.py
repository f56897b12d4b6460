"""Shared fixtures: where the lca4ai CLI is and how to run it."""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def cli_path() -> str:
    """The CLI under test: $LCA4AI_CLI, else the one on PATH (the venv's), else the build tree's."""
    if os.environ.get("LCA4AI_CLI"):
        return os.environ["LCA4AI_CLI"]
    found = shutil.which("lca4ai")
    if found:
        return found
    return str(ROOT / "build" / "engine" / "lca4ai")


def run_cli(*args, check=True):
    """Runs the CLI; returns the CompletedProcess (text mode)."""
    proc = subprocess.run([cli_path(), *map(str, args)], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"lca4ai {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def run_json(path, *extra):
    """Runs a scenario and returns the parsed JSON result."""
    return json.loads(run_cli("run", path, "--format", "json", *extra).stdout)


@pytest.fixture
def root():
    return ROOT
