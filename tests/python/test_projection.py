"""`lca4ai project`: formats, constant pathways against `run`, determinism, the
portfolio-2030 reproduction of Desroches et al. 2025 and its error handling."""
import csv
import io
import json

import pytest

from conftest import ROOT, run_cli

PORTFOLIO = ROOT / "scenarios" / "portfolio-2030.yaml"
FLAGSHIP = ROOT / "scenarios" / "llm-lifecycle.yaml"


def project_json(path, *args):
    return json.loads(run_cli("project", path, "--format", "json", *args).stdout)


def test_text_table_bands_and_chart():
    out = run_cli("project", FLAGSHIP, "--from", "2025", "--to", "2030", "--samples", "2000").stdout
    for word in ("gwp [kg CO2e]", "p2.5", "p97.5", "cumulative", "2025", "2030", "gwp per year"):
        assert word in out
    assert "|" in out and "#" in out  # the ASCII chart
    assert "runs 1.752e+04 h (not one year)" in out  # the flagship serves for two years


def test_constant_pathways_equal_run(tmp_path):
    text = FLAGSHIP.read_text(encoding="utf-8").replace(
        "  region: US-VA\n", "  region: US-VA\n  flat: {pathway: {2020: 1, 2040: 1}}\n").replace(
        "power: $gpu_power\n    experimentation: {", "power: = $gpu_power * $flat\n    experimentation: {")
    path = tmp_path / "flat.yaml"
    path.write_text(text, encoding="utf-8")
    run = json.loads(run_cli("run", path, "--format", "json", "--samples", "500", "--seed", "3").stdout)
    proj = project_json(path, "--from", "2025", "--to", "2027", "--samples", "500", "--seed", "3")
    for year in proj["years"]:
        for key, block in year["indicators"].items():
            ref = run["total"]["indicators"][key]
            assert block["value"] == ref["value"], key
            assert block["mean"] == pytest.approx(ref["mean"], rel=1e-12, abs=1e-300), key
            assert block["sd"] == pytest.approx(ref["sd"], rel=1e-9, abs=1e-300), key


def test_same_seed_same_numbers():
    a = project_json(PORTFOLIO, "--from", "2024", "--to", "2028", "--samples", "300", "--seed", "5", "--threads", "1")
    b = project_json(PORTFOLIO, "--from", "2024", "--to", "2028", "--samples", "300", "--seed", "5", "--threads", "3")
    assert a["years"] == b["years"]


def test_csv_has_every_indicator_and_year():
    rows = list(csv.DictReader(io.StringIO(run_cli("project", PORTFOLIO, "--from", "2024", "--to", "2026",
                                                   "--samples", "200", "--format", "csv").stdout)))
    years = {r["year"] for r in rows}
    assert years == {"2024", "2025", "2026"}
    assert {r["indicator"] for r in rows} == {"gwp", "water", "adp", "ewaste", "energy", "pe"}
    assert {r["basis"] for r in rows} == {"annual", "cumulative"}
    assert "p97_5" in {r["statistic"] for r in rows}


def test_portfolio_reproduces_desroches_ratios():
    d = project_json(PORTFOLIO, "--from", "2024", "--to", "2030")
    y = {e["year"]: e for e in d["years"]}
    energy = y[2030]["indicators"]["energy"]["value"] / y[2024]["indicators"]["energy"]["value"]
    ghg = y[2030]["indicators"]["gwp"]["value"] / y[2024]["indicators"]["gwp"]["value"]
    # Paper (Table 2, high adoption without boundaries): energy x24.4, GHG x18.6.
    assert 24.4 * 0.85 < energy < 24.4 * 1.15, energy
    assert 18.6 * 0.85 < ghg < 18.6 * 1.15, ghg
    assert ghg / energy == pytest.approx(0.76, rel=1e-5)  # the stated-policies grid, -24 % by 2030
    # 2024 electricity of the fictive company: 3.9 GWh.
    assert y[2024]["indicators"]["energy"]["value"] == pytest.approx(3.9e6, rel=0.02)


def test_portfolio_choice_switch(tmp_path):
    text = PORTFOLIO.read_text(encoding="utf-8")
    text = text.replace("grid_scenario: stated-policies", "grid_scenario: net-zero")
    path = tmp_path / "nz.yaml"
    path.write_text(text, encoding="utf-8")
    d = project_json(path, "--from", "2024", "--to", "2030")
    y = {e["year"]: e for e in d["years"]}
    ghg = y[2030]["indicators"]["gwp"]["value"] / y[2024]["indicators"]["gwp"]["value"]
    energy = y[2030]["indicators"]["energy"]["value"] / y[2024]["indicators"]["energy"]["value"]
    assert ghg / energy == pytest.approx(0.55, rel=1e-5)


def test_errors_are_one_line():
    proc = run_cli("project", FLAGSHIP, "--from", "2030", "--to", "2025", check=False)
    assert proc.returncode == 3
    assert "before" in proc.stderr and "Traceback" not in proc.stderr


def test_output_file_json(tmp_path):
    out = tmp_path / "p.json"
    run_cli("project", PORTFOLIO, "--from", "2024", "--to", "2025", "-o", out)
    d = json.loads(out.read_text())
    assert d["projection"]["from"] == 2024 and len(d["years"]) == 2
