"""Monte Carlo and sensitivity, checked against numpy and SALib (test-only peer)."""
import json
import math

import numpy as np
import pytest

lca4ai = pytest.importorskip("lca4ai")
from lca4ai import _core  # noqa: E402

from conftest import ROOT, run_cli, run_json  # noqa: E402

FLAGSHIP = ROOT / "scenarios" / "llm-lifecycle.yaml"
INDICATORS = ["gwp", "water", "adp", "ewaste", "energy", "pe"]

ISHIGAMI = """lca4ai: 1
name: Ishigami function
parameters:
  x1: {distribution: {type: uniform, min: -3.141592653589793, max: 3.141592653589793}}
  x2: {distribution: {type: uniform, min: -3.141592653589793, max: 3.141592653589793}}
  x3: {distribution: {type: uniform, min: -3.141592653589793, max: 3.141592653589793}}
nodes:
  f:
    type: process
    stage: training
    demand: 1
    flows: {co2e: '= (sin($x1) + 7 * sin($x2)^2 + 0.1 * $x3^4 * sin($x1)) * 1 kg CO2e'}
"""


def ishigami(x):
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_cli_statistics_match_the_raw_samples(tmp_path):
    """Mean, SD and exact percentiles of the JSON equal numpy's on the kept samples."""
    out = tmp_path / "s.npy"
    data = run_json(FLAGSHIP, "--samples", "20000", "--seed", "3", "--keep-samples", out)
    samples = np.load(out)
    assert samples.shape == (20000, 6)
    for i, key in enumerate(INDICATORS):
        s = data["stats"]["indicators"][key]
        assert s["mean"] == pytest.approx(samples[:, i].mean(), rel=1e-12)
        assert s["sd"] == pytest.approx(samples[:, i].std(ddof=1), rel=1e-9)
        for name, q in [("p2_5", 2.5), ("p50", 50), ("p97_5", 97.5)]:
            assert s[name] == pytest.approx(np.percentile(samples[:, i], q), rel=1e-12)
    assert data["sampling"]["percentiles"] == "exact"


def test_keep_samples_csv_equals_npy(tmp_path):
    run_cli("run", FLAGSHIP, "--samples", "3000", "--seed", "5", "--keep-samples", tmp_path / "a.csv", "--format", "json")
    run_cli("run", FLAGSHIP, "--samples", "3000", "--seed", "5", "--keep-samples", tmp_path / "a.npy", "--format", "json")
    csv = np.loadtxt(tmp_path / "a.csv", delimiter=",", skiprows=1)
    np.testing.assert_array_equal(csv, np.load(tmp_path / "a.npy"))


def test_thread_count_does_not_change_the_numbers():
    outs = {run_cli("run", FLAGSHIP, "--samples", "30000", "--seed", "9", "--threads", t, "--format", "json").stdout
            for t in (1, 2, 4)}
    assert len(outs) == 1


def test_python_samples_are_the_draws_the_cli_summarised():
    s = lca4ai.load(FLAGSHIP)
    arr = _core.samples(s._core, 10000, 11, 2)
    data = json.loads(_core.run(s._core, "json", samples=10000, seed=11, threads=1))
    assert arr.shape == (10000, 6) and arr.dtype == np.float64
    for i, key in enumerate(INDICATORS):
        assert data["stats"]["indicators"][key]["mean"] == pytest.approx(arr[:, i].mean(), rel=1e-12)


def test_ishigami_sobol_agrees_with_salib_and_the_closed_form():
    salib_sample = pytest.importorskip("SALib.sample.sobol")
    salib_analyze = pytest.importorskip("SALib.analyze.sobol")
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    x = salib_sample.sample(problem, 4096, calc_second_order=False, seed=1)
    ref = salib_analyze.analyze(problem, ishigami(x), calc_second_order=False, seed=1)
    ours = json.loads(_core.sensitivity(lca4ai.loads(ISHIGAMI)._core, "sobol", 4096, "gwp", 1))
    assert ours["runs"] == len(x)  # SALib's convention: N (k + 2)
    by_name = {i["name"]: i for i in ours["inputs"]}
    exact = {"x1": (0.3139, 0.5576), "x2": (0.4424, 0.4424), "x3": (0.0, 0.2437)}
    for j, name in enumerate(problem["names"]):
        s1, st = by_name[name]["S1"], by_name[name]["ST"]
        tol1 = 3 * math.hypot(by_name[name]["S1_conf"], ref["S1_conf"][j]) / 1.96 + 0.01
        tolt = 3 * math.hypot(by_name[name]["ST_conf"], ref["ST_conf"][j]) / 1.96 + 0.01
        assert s1 == pytest.approx(ref["S1"][j], abs=tol1)
        assert st == pytest.approx(ref["ST"][j], abs=tolt)
        assert s1 == pytest.approx(exact[name][0], abs=0.04)
        assert st == pytest.approx(exact[name][1], abs=0.04)


def test_ishigami_morris_agrees_with_salib():
    morris_sample = pytest.importorskip("SALib.sample.morris")
    morris_analyze = pytest.importorskip("SALib.analyze.morris")
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    x = morris_sample.sample(problem, 2000, num_levels=4, seed=1)
    ref = morris_analyze.analyze(problem, x, ishigami(x), num_levels=4, seed=1)
    ours = json.loads(_core.sensitivity(lca4ai.loads(ISHIGAMI)._core, "morris", 2000, "gwp", 1))
    by_name = {i["name"]: i for i in ours["inputs"]}
    for j, name in enumerate(problem["names"]):
        # Both take elementary effects per unit of the unit hypercube (Δ = p / (2 (p − 1))).
        ours_mu_star = by_name[name]["mu_star"]
        tol = 4 * math.hypot(by_name[name]["mu_star_conf"], ref["mu_star_conf"][j]) / 1.96 + 0.02 * ref["mu_star"][j]
        assert ours_mu_star == pytest.approx(ref["mu_star"][j], abs=tol)


def test_flagship_sobol_agrees_with_salib_on_the_exported_function():
    """The scenario as a function of the unit hypercube, analysed by SALib, ranks and scores its inputs like lca4ai."""
    salib_sample = pytest.importorskip("SALib.sample.sobol")
    salib_analyze = pytest.importorskip("SALib.analyze.sobol")
    s = lca4ai.load(FLAGSHIP)
    names = _core.uncertain_inputs(s._core)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    u = salib_sample.sample(problem, 1024, calc_second_order=False, seed=2)
    u = np.clip(u, 1e-12, 1 - 1e-12)
    ref = salib_analyze.analyze(problem, _core.evaluate_unit(s._core, u, "gwp"), calc_second_order=False, seed=2)
    ours = {i["name"]: i for i in json.loads(_core.sensitivity(s._core, "sobol", 1024, "gwp", 2))["inputs"]}
    for j, name in enumerate(names):
        tol = 3 * math.hypot(ours[name]["ST_conf"], ref["ST_conf"][j]) / 1.96 + 0.02
        assert ours[name]["ST"] == pytest.approx(ref["ST"][j], abs=tol), name
    top_ours = max(ours, key=lambda n: ours[n]["ST"])
    assert top_ours == names[int(np.argmax(ref["ST"]))]


def test_sensitivity_cli_formats():
    text = run_cli("sensitivity", FLAGSHIP, "--method", "oat").stdout
    assert "rank" in text and "traffic_growth" in text
    data = json.loads(run_cli("sensitivity", FLAGSHIP, "--method", "morris", "--samples", "20", "--format", "json").stdout)
    assert data["method"] == "morris" and data["runs"] == 20 * (len(data["inputs"]) + 1)
    csv = run_cli("sensitivity", FLAGSHIP, "--method", "sobol", "--samples", "64", "--format", "csv").stdout
    assert csv.splitlines()[0] == "method,indicator,rank,input,statistic,value"


def test_monte_carlo_reports_progress_to_a_callable():
    seen = []
    r = lca4ai.load(FLAGSHIP).run(samples=50_000, seed=1, threads=2,
                                  progress=lambda done, total, label: seen.append((done, total)))
    assert seen and seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert r.indicators.set_index("indicator").loc["gwp", "mean"] > 0
