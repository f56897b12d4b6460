"""The Python package is a thin layer: same numbers as the CLI, errors as ScenarioError."""
import json

import pytest

lca4ai = pytest.importorskip("lca4ai")

from conftest import ROOT, run_cli

FLAGSHIP = ROOT / "scenarios" / "llm-lifecycle.yaml"


def test_run_matches_cli_json_exactly():
    r = lca4ai.load(FLAGSHIP).run()
    assert r.to_json() == run_cli("run", FLAGSHIP, "--format", "json").stdout.replace(str(FLAGSHIP), str(FLAGSHIP))


def test_indicators_frame_matches_json():
    r = lca4ai.load(FLAGSHIP).run()
    df = r.indicators.set_index("indicator")
    data = json.loads(run_cli("run", FLAGSHIP, "--format", "json").stdout)
    for key, v in data["indicators"].items():
        assert df.loc[key, "value"] == pytest.approx(v["value"], rel=1e-12)
        assert df.loc[key, "total"] == pytest.approx(data["total"]["indicators"][key]["value"], rel=1e-12)


def test_by_stage_sums_to_total():
    r = lca4ai.load(FLAGSHIP).run()
    stages = r.by_stage().groupby("indicator")["value"].sum()
    total = r.indicators.set_index("indicator")["total"]
    for key in total.index:
        assert stages[key] == pytest.approx(total[key], rel=1e-9)


def test_with_parameters_changes_only_what_depends_on_it():
    s = lca4ai.load(FLAGSHIP)
    base = s.run().data["total"]
    higher = s.with_parameters(pue=1.4).run().data["total"]
    # facility electricity scales with PUE; hardware fabrication does not
    assert higher["indicators"]["energy"]["value"] == pytest.approx(base["indicators"]["energy"]["value"] * 1.4 / 1.12, rel=1e-9)
    assert higher["stages"]["hardware_fabrication"]["gwp"] == pytest.approx(base["stages"]["hardware_fabrication"]["gwp"], rel=1e-12)
    with pytest.raises(KeyError):
        s.with_parameters(peu=1.4)


def test_scenario_error_lists_every_problem():
    text = "lca4ai: 1\nname: bad\nnodes:\n  g: {type: grid, region: FRR}\n  dc: {type: datacenter, grid: g, pue: 0.9, wue: 0 L/kWh}\n"
    with pytest.raises(lca4ai.ScenarioError) as info:
        lca4ai.loads(text, "bad.yaml")
    errors = info.value.errors
    assert [e["key_path"] for e in errors] == ["nodes.g.region", "nodes.dc.pue"]
    assert errors[0]["line"] == 4 and "did you mean 'FR'" in errors[0]["message"]


def test_inventories_listing():
    grids = lca4ai.inventories.list("grid")
    assert len(grids) >= 30
    h100 = lca4ai.inventories.show("nvidia-h100-sxm")
    fields = {v["field"]: v for v in h100["values"]}
    assert fields["gwp"]["unit"] == "kg CO2e" and "NVIDIA" in fields["gwp"]["source"]
