"""Shipped inventories: every number sourced, defaults consistent with their stated derivation."""
import math
import pathlib

import pytest

yaml = pytest.importorskip("yaml")

from conftest import ROOT, run_cli  # noqa: E402

FILES = sorted((ROOT / "inventories").glob("*.yaml"))

# Ciroth et al. 2016, Table 6 (as transcribed in inventories/uncertainty-defaults.yaml's source note).
CIROTH = [(1.0, 1.54, 1.61, 1.69, 1.69), (1.0, 1.03, 1.04, 1.08, 1.08), (1.0, 1.03, 1.10, 1.19, 1.29),
          (1.0, 1.04, 1.08, 1.11, 1.11), (1.0, 1.18, 1.65, 2.08, 2.80)]


def load(path: pathlib.Path):
    # YAML 1.1 readers turn a bare NO into False; the shipped files quote such keys.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_record_has_year_source_and_licence(path):
    data = load(path)
    sources = data["sources"]
    for key, src in sources.items():
        for field in ("author", "title", "year", "license"):
            assert src.get(field), f"{path.name}: source {key} lacks {field}"
        assert src.get("url") or src.get("doi"), f"{path.name}: source {key} has no url or doi"
    for name, rec in data["records"].items():
        assert isinstance(rec.get("year"), int), f"{name}: no year of validity"
        assert rec.get("license") or data.get("license"), f"{name}: no licence"
        for field, value in (rec.get("values") or {}).items():
            src = value.get("source") if isinstance(value, dict) else None
            assert (src or rec.get("source")) in sources, f"{name}.{field}: no source"


def test_enough_grids_and_hardware():
    grids = run_cli("inventories", "list", "--kind", "grid").stdout.splitlines()[1:]
    hardware = run_cli("inventories", "list", "--kind", "hardware").stdout.splitlines()[1:]
    assert len(grids) >= 30 and len(hardware) >= 10


def test_default_gsds_follow_their_pedigree_scores():
    data = load(ROOT / "inventories" / "uncertainty-defaults.yaml")
    for name, rec in data["records"].items():
        scores = rec["pedigree"]
        expected = math.exp(math.sqrt(0.0006 + sum(math.log(CIROTH[k][s - 1]) ** 2 for k, s in enumerate(scores))))
        for field, gsd in rec["values"].items():
            assert gsd == pytest.approx(expected, abs=6e-4), f"{name}.{field}"
