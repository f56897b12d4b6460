"""The Python layer beyond the CLI: dict scenarios, text parameters, copies, pickles, threads, errors, plots."""
import concurrent.futures
import copy
import json
import pickle

import pytest

lca4ai = pytest.importorskip("lca4ai")

from conftest import ROOT, run_cli

FLAGSHIP = ROOT / "scenarios" / "llm-lifecycle.yaml"

TINY = {
    "lca4ai": 1,
    "name": "Fine-tune on 8 H100s — dict scenario",
    "functional_unit": {"label": "one run", "per": "ft", "amount": 1},
    "parameters": {"region": "DE", "pue": {"value": 1.2, "distribution": {"type": "uniform", "min": 1.1, "max": 1.3}}},
    "nodes": {
        "grid": {"type": "grid", "region": "$region"},
        "dc": {"type": "datacenter", "grid": "grid", "pue": "$pue", "wue": "0.3 L/kWh"},
        "gpu": {"type": "hardware", "item": "nvidia-h100-sxm"},
        "ft": {"type": "training", "site": "dc", "hardware": [{"item": "gpu", "count": 8}], "duration": "24 h"},
    },
}
TINY_YAML = """lca4ai: 1
name: Fine-tune on 8 H100s — dict scenario
functional_unit: {label: one run, per: ft, amount: 1}
parameters:
  region: DE   # a text parameter
  pue:
    value: 1.2
    distribution: {type: uniform, min: 1.1, max: 1.3}
nodes:
  grid: {type: grid, region: $region}
  dc: {type: datacenter, grid: grid, pue: $pue, wue: 0.3 L/kWh}
  gpu: {type: hardware, item: nvidia-h100-sxm}
  ft: {type: training, site: dc, hardware: [{item: gpu, count: 8}], duration: 24 h}
"""


def indicators(result):
    return {k: v["value"] for k, v in result.data["indicators"].items()}


def test_from_dict_equals_yaml_text():
    a = lca4ai.Scenario.from_dict(TINY).run()
    b = lca4ai.loads(TINY_YAML).run()
    assert indicators(a) == indicators(b)
    assert a.data["stages"] == b.data["stages"]


def test_from_dict_errors_point_into_the_generated_text():
    bad = copy.deepcopy(TINY)
    bad["nodes"]["dc"]["pue"] = 0.9
    with pytest.raises(lca4ai.ScenarioError) as info:
        lca4ai.Scenario.from_dict(bad, name="bad.json")
    assert [e["key_path"] for e in info.value.errors] == ["nodes.dc.pue"]
    assert info.value.errors[0]["file"] == "bad.json" and info.value.errors[0]["line"] > 1
    with pytest.raises(TypeError):
        lca4ai.Scenario.from_dict(["not", "a", "mapping"])


def test_text_parameters_block_and_flow():
    s = lca4ai.loads(TINY_YAML)
    fr = s.with_parameters(region="FR")
    assert fr.run().value("gwp") < s.run().value("gwp")
    assert "region: FR   # a text parameter" not in fr.text and "region: FR" in fr.text
    assert s.text == TINY_YAML  # the original is unchanged
    flow = TINY_YAML.replace("parameters:\n  region: DE   # a text parameter\n  pue:\n    value: 1.2\n"
                             "    distribution: {type: uniform, min: 1.1, max: 1.3}\n",
                             "parameters: {pue: {value: 1.2, distribution: {type: uniform, min: 1.1, max: 1.3}}, region: DE}\n")
    assert flow != TINY_YAML
    sf = lca4ai.loads(flow)
    assert sf.run().value("gwp") == s.run().value("gwp")
    assert sf.with_parameters(region="FR").run().value("gwp") == fr.run().value("gwp")


def test_text_and_numeric_parameters_combine_in_any_order():
    s = lca4ai.load(FLAGSHIP)
    a = s.with_parameters(pue=1.4, region="FR").run()
    b = s.with_parameters(pue=1.4).with_parameters(region="FR").run()
    c = s.with_parameters(region="FR").with_parameters(pue=1.4).run()
    assert indicators(a) == indicators(b) == indicators(c)
    assert a.value("gwp") < s.run().value("gwp")
    assert s.with_parameters(pue="1.4").run().value("energy") == pytest.approx(a.value("energy"), rel=1e-12)


def test_with_parameters_errors():
    s = lca4ai.load(FLAGSHIP)
    with pytest.raises(KeyError, match="did you mean 'region'"):
        s.with_parameters(regoin="FR")
    with pytest.raises(KeyError):
        s.with_parameters(peu=1.4)
    with pytest.raises(lca4ai.ScenarioError) as info:
        s.with_parameters(region="FRR")
    assert "did you mean 'FR'" in info.value.errors[0]["message"]
    with pytest.raises(TypeError):
        s.with_parameters(pue=[1.4])


def test_copy_and_pickle_round_trip():
    s = lca4ai.load(FLAGSHIP).with_parameters(pue=1.3, region="DE")
    expected = s.run().to_json()
    for other in (copy.copy(s), copy.deepcopy(s), pickle.loads(pickle.dumps(s))):
        assert other.run().to_json() == expected
        assert other.name == s.name and other.checksum == s.checksum
    plain = lca4ai.load(FLAGSHIP)
    assert pickle.loads(pickle.dumps(plain)).run().to_json() == run_cli("run", FLAGSHIP, "--format", "json").stdout


def test_parallel_runs_in_threads_are_identical():
    s = lca4ai.load(FLAGSHIP)
    variants = [s, s.with_parameters(pue=1.3), s.with_parameters(region="FR")]
    expected = [v.run().to_json() for v in variants]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = [(i % 3, pool.submit(lambda v: v.run().to_json(), variants[i % 3])) for i in range(48)]
        for i, f in futures:
            assert f.result() == expected[i]


def test_scenario_error_prints_like_the_cli(tmp_path):
    text = "lca4ai: 1\nname: bad\nnodes:\n  g: {type: grid, region: FRR}\n  dc: {type: datacenter, grid: g, pue: 0.9, wue: 0 L/kWh}\n"
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    proc = run_cli("run", path, check=False)
    assert proc.returncode == 2
    with pytest.raises(lca4ai.ScenarioError) as info:
        lca4ai.load(path)
    assert str(info.value).splitlines() == proc.stderr.splitlines()
    with pytest.raises(lca4ai.ScenarioError) as info:
        lca4ai.loads(text, str(path))
    assert str(info.value).splitlines() == proc.stderr.splitlines()


def test_csv_and_text_match_cli():
    r = lca4ai.load(FLAGSHIP).run()
    assert r.to_csv() == run_cli("run", FLAGSHIP, "--format", "csv").stdout
    assert r.to_text() == run_cli("run", FLAGSHIP).stdout


def test_indicator_frame_columns_and_sweep_with_progress():
    s = lca4ai.load(FLAGSHIP)
    df = s.run().indicators
    assert list(df.columns) == ["indicator", "unit", "value", "mean", "sd", "p2_5", "p50", "p97_5", "total"]
    seen = []
    sweep = s.sweep("pue", [1.1, 1.2, 1.3], progress=lambda done, total, label: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert sweep["gwp"].is_monotonic_increasing
    assert sweep.loc[1, "gwp"] == s.with_parameters(pue=1.2).run().value("gwp")
    regions = s.sweep("region", ["FR", "DE"], basis="total")
    assert regions.loc[0, "gwp"] < regions.loc[1, "gwp"]


def test_monte_carlo_result():
    s = lca4ai.load(FLAGSHIP)
    r = s.run(samples=500, seed=3)
    df = r.indicators.set_index("indicator")
    assert df.loc["gwp", "p2_5"] < df.loc["gwp", "p50"] < df.loc["gwp", "p97_5"]
    gwp = r.samples("gwp")
    assert gwp.shape == (500,) and gwp.dtype.name == "float64"
    assert gwp.mean() == pytest.approx(df.loc["gwp", "mean"], rel=1e-9)
    assert r.samples(None).shape == (500, 6)
    again = s.run(samples=500, seed=3)
    assert again.to_json() == r.to_json()
    assert (again.samples("gwp") == gwp).all()
    data = json.loads(r.to_json())
    assert "stats" in data and "mean" in data["indicators"]["gwp"]
    assert df.loc["gwp", "value"] == s.run().value("gwp")


@pytest.mark.parametrize("method,columns", [("oat", {"low", "high", "swing"}),
                                            ("morris", {"mu", "mu_star", "sigma", "mu_star_conf"}),
                                            ("sobol", {"S1", "S1_conf", "ST", "ST_conf"})])
def test_sensitivity_frames(method, columns):
    df = lca4ai.load(FLAGSHIP).sensitivity(method=method, samples=512, indicator="gwp", seed=1)
    assert len(df) >= 1 and {"name"} | columns <= set(df.columns)
    assert df.attrs["method"] == method and df.attrs["indicator"] == "gwp"


def test_plots_return_axes():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes

    from lca4ai import plot

    r = lca4ai.load(FLAGSHIP).run()
    ax = plot.by_stage(r, "gwp")
    stages = r.by_stage("per_fu").query("indicator == 'gwp' and value != 0")
    assert isinstance(ax, Axes) and len(ax.patches) == len(stages) > 0
    assert isinstance(plot.by_node(r, "energy", basis="total"), Axes)
    oat = pd.DataFrame({"name": ["pue", "gpu_power"], "low": [2.5, 2.6], "high": [3.1, 2.7]})
    oat.attrs["indicator"] = "gwp"
    ax = plot.tornado(oat, base=2.677)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["pue", "gpu_power"]
    ax = plot.histogram(np.random.default_rng(1).lognormal(size=1000), "gwp")
    assert isinstance(ax, Axes) and "95 %" in ax.get_legend().get_texts()[0].get_text()
    with pytest.raises(ValueError):
        plot.tornado(pd.DataFrame({"name": ["x"], "S1": [0.1]}))
    import matplotlib.pyplot as plt
    plt.close("all")


def test_package_ships_type_information():
    import pathlib
    pkg = pathlib.Path(lca4ai.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_core.pyi").exists()
