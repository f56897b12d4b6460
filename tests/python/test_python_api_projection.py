"""Scenario.project: a DataFrame indexed by year with the CLI's numbers; plot.fan draws it."""
import json

import pytest

lca4ai = pytest.importorskip("lca4ai")

from conftest import ROOT, run_cli

PORTFOLIO = ROOT / "scenarios" / "portfolio-2030.yaml"


def test_project_matches_cli():
    df = lca4ai.load(PORTFOLIO).project(2024, 2027, samples=300, seed=2)
    data = json.loads(run_cli("project", PORTFOLIO, "--from", "2024", "--to", "2027", "--samples", "300",
                              "--seed", "2", "--format", "json").stdout)
    assert list(df.index) == [2024, 2025, 2026, 2027]
    for y in data["years"]:
        for key, v in y["indicators"].items():
            assert df.loc[y["year"], key] == pytest.approx(v["value"], rel=1e-12)
            assert df.loc[y["year"], f"{key}_p97_5"] == pytest.approx(v["p97_5"], rel=1e-12)
            assert df.loc[y["year"], f"{key}_cumulative"] == pytest.approx(y["cumulative"][key]["value"], rel=1e-12)
    assert df.attrs["units"]["gwp"] == "kg CO2e"


def test_project_deterministic_columns_and_errors():
    s = lca4ai.load(PORTFOLIO)
    df = s.project(2024, 2025)
    assert "gwp_p2_5" not in df.columns and "gwp" in df.columns
    with pytest.raises(ValueError):
        s.project(2030, 2024)


def test_fan_chart():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from lca4ai import plot
    df = lca4ai.load(PORTFOLIO).project(2024, 2030, samples=200)
    ax = plot.fan(df, "gwp")
    assert ax.get_ylabel() == "gwp [kg CO2e]"
    assert len(ax.collections) == 2  # the 95 % and 50 % bands
    with pytest.raises(KeyError):
        plot.fan(df, "nonsense")
