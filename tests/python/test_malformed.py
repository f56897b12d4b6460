"""Malformed scenarios: `lca4ai validate` rejects each with exactly the recorded messages
(tests/malformed/NN-name.expected, captured from stderr with the path relative to the repo
root), never crashes, and `lca4ai run -o` writes nothing."""
import subprocess

import pytest

from conftest import ROOT, cli_path

MALFORMED = sorted((ROOT / "tests" / "malformed").glob("*.yaml"))
IDS = [p.stem for p in MALFORMED]
CRASH_MARKERS = ("Traceback", "terminate", "what()", "Segmentation fault", "Aborted")


def cli(*args):
    """Runs the CLI from the repository root so that messages carry stable relative paths."""
    return subprocess.run([cli_path(), *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def normalise(text):
    return text.replace(str(ROOT) + "/", "")


def test_enough_cases():
    assert len(MALFORMED) >= 24
    for path in MALFORMED:
        assert path.with_suffix(".expected").is_file(), f"{path.name} has no .expected file"


@pytest.mark.parametrize("path", MALFORMED, ids=IDS)
def test_validate_reports_expected_messages(path):
    rel = path.relative_to(ROOT)
    proc = cli("validate", rel)
    assert proc.returncode != 0
    assert proc.stdout == ""
    for marker in CRASH_MARKERS:
        assert marker not in proc.stderr
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert normalise(proc.stderr) == expected
    # every message is located: file:line:column
    first = expected.splitlines()[0]
    assert first.startswith(f"{rel}:") and first.split(":")[1].isdigit() and first.split(":")[2].isdigit()


@pytest.mark.parametrize("path", MALFORMED, ids=IDS)
def test_run_writes_no_output(path, tmp_path):
    out = tmp_path / "out.json"
    proc = cli("run", path.relative_to(ROOT), "--format", "json", "-o", out)
    assert proc.returncode != 0
    for marker in CRASH_MARKERS:
        assert marker not in proc.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [], "temporary output left behind"
    # `run` reports the same problems as `validate`, without the source excerpts
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    without_excerpts = "".join(line for line in expected.splitlines(keepends=True)
                               if not line.startswith("    "))
    assert normalise(proc.stderr) == without_excerpts


def test_several_problems_reported_at_once():
    expected = (ROOT / "tests" / "malformed" / "30-several-problems.expected").read_text()
    assert expected.rstrip().endswith("6 problems found")
    for key in ("owner", "nodes.grid.region", "nodes.dc.pue", "nodes.gpu.lifetime",
                "nodes.train.type", "nodes.chat.amortises[0]"):
        assert f": {key}" in expected


def test_did_you_mean_suggestions():
    folder = ROOT / "tests" / "malformed"
    for name, hint in (("02-unknown-node-key", "did you mean 'power_utilisation'?"),
                       ("03-misspelled-node-type", "did you mean 'hardware'?"),
                       ("04-misspelled-node-reference", "did you mean 'dc'?"),
                       ("05-misspelled-inventory-record", "did you mean 'nvidia-a100-sxm4'?")):
        assert hint in (folder / f"{name}.expected").read_text()


@pytest.mark.parametrize("command", ["validate", "run"])
def test_unreadable_file(command, tmp_path):
    missing = "tests/malformed/does-not-exist.yaml"
    out = tmp_path / "out.json"
    args = [command, missing] + (["-o", out] if command == "run" else [])
    proc = cli(*args)
    assert proc.returncode != 0
    assert proc.stderr.startswith(f"{missing}: cannot read the file")
    for marker in CRASH_MARKERS:
        assert marker not in proc.stderr
    assert not out.exists()


def test_directory_is_not_a_scenario():
    proc = cli("validate", "tests/malformed")
    assert proc.returncode != 0
    assert proc.stderr.startswith("tests/malformed:")
    for marker in CRASH_MARKERS:
        assert marker not in proc.stderr
