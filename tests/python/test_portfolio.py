"""`lca4ai portfolio`: scope totals add up, location- vs market-based differ exactly by the
re-priced electricity (hand computation), ownership moves scope but not the total, the
market-based band and the outlook reach the JSON, CSV, text and HTML outputs, malformed
portfolios give file:line:column errors, and the HTML report renders in headless Chromium
(screenshot non-blank, SVG charts and key numbers present, no console errors, prints to PDF)."""
import json
import re
import shutil
import subprocess
import zlib

import pytest

from conftest import ROOT, cli_path, run_cli

EXAMPLE = ROOT / "scenarios" / "portfolios" / "example-company.yaml"

HAND = """lca4ai_portfolio: 1
company: Hand Computation Ltd
year: 2025
use_cases:
  svc:
    ownership: {ownership}
    electricity:
      instruments:
        - {{type: ppa, share: 0.25, gwp: 0 kg CO2e/kWh, source: test contract}}
      residual: 0.8 kg CO2e/kWh
      residual_source: test supplier
    scenario:
      lca4ai: 1
      name: hand
      nodes:
        grid: {{type: grid, factors: {{gwp: 0.5 kg CO2e/kWh, water: 0 L/kWh, adp: 0 kg Sb eq/kWh, pe: 0 MJ/kWh}}}}
        dc: {{type: datacenter, grid: grid, pue: 1.2, wue: 0 L/kWh}}
        svc:
          type: inference
          site: dc
          period: 10 day
          traffic: {{requests_per_day: 100}}
          energy_per_request: 1 kWh/request
"""


def portfolio_json(path, *extra):
    return json.loads(run_cli("portfolio", path, "--format", "json", *extra).stdout)


@pytest.fixture(scope="module")
def example():
    return portfolio_json(EXAMPLE, "--samples", "300")


def test_example_has_eight_diverse_use_cases(example):
    ucs = example["use_cases"]
    assert len(ucs) >= 8
    owners = {u["ownership"] for u in ucs.values()}
    assert {"owned", "colocation", "cloud", "third_party"} <= owners


def test_scope_totals_add_up(example):
    for ind in ("gwp", "water", "adp", "ewaste", "energy", "pe"):
        total = example["indicators"][ind]["value"]
        assert sum(s[ind] for s in example["scopes"].values()) == pytest.approx(total, rel=1e-9)
    assert sum(s["gwp_market"] for s in example["scopes"].values()) == pytest.approx(example["gwp_market"], rel=1e-9)
    for u in example["use_cases"].values():
        assert sum(s["gwp"] for s in u["scopes"].values()) == pytest.approx(u["indicators"]["gwp"]["value"], rel=1e-9)
    # use cases add up to the portfolio
    assert sum(u["indicators"]["gwp"]["value"] for u in example["use_cases"].values()) == pytest.approx(
        example["indicators"]["gwp"]["value"], rel=1e-9)


def test_market_minus_location_is_the_repriced_electricity(example):
    delta = sum(u["electricity"]["gwp_market"] - u["electricity"]["gwp_location"] for u in example["use_cases"].values())
    assert example["gwp_market"] - example["indicators"]["gwp"]["value"] == pytest.approx(delta, rel=1e-9)
    assert example["electricity"]["market_minus_location"] == pytest.approx(delta, rel=1e-9)


def test_bands_bracket_the_central_value(example):
    g = example["indicators"]["gwp"]
    assert g["p2_5"] < g["p50"] < g["p97_5"]
    assert g["p2_5"] < g["value"] < g["p97_5"]


def test_market_based_band_is_reported(example):
    band = example["gwp_market_band"]
    assert band["p2_5"] < example["gwp_market"] < band["p97_5"]
    assert band["sd"] > 0
    for u in example["use_cases"].values():
        assert "gwp_market_band" in u
    assert "same draws" in example["sampling"]["market"]


def test_outlook_years_with_bands(example):
    o = example["outlook"]
    assert (o["from"], o["until"]) == (2025, 2030)
    assert [y["year"] for y in o["years"]] == list(range(2025, 2031))
    assert set(o["use_cases"]) == set(example["use_cases"])
    for y in o["years"]:
        g = y["indicators"]["gwp"]
        assert g["p2_5"] <= g["value"] <= g["p97_5"]
        assert y["gwp_market_band"]["p2_5"] < y["gwp_market_band"]["p97_5"]
        assert sum(u["gwp"] for u in y["use_cases"].values()) == pytest.approx(g["value"], rel=1e-9)
    # the vision line keeps its volume and hardware: only its grid changes, downwards
    vision = [y["use_cases"]["vision-inspection"]["gwp"] for y in o["years"]]
    assert vision == sorted(vision, reverse=True)


def test_hand_computation(tmp_path):
    f = tmp_path / "hand.yaml"
    f.write_text(HAND.format(ownership="owned"))
    d = portfolio_json(f, "--samples", "0")
    e = d["use_cases"]["svc"]["electricity"]
    assert e["kwh"] == pytest.approx(1200.0)               # 100 req/day x 10 days x 1 kWh x PUE 1.2
    assert e["contracted_kwh"] == pytest.approx(300.0)     # 25 % PPA
    assert e["gwp_location"] == pytest.approx(600.0)       # 1200 x 0.5
    assert e["gwp_market"] == pytest.approx(720.0)         # 300 x 0 + 900 x 0.8
    assert d["gwp_market"] - d["indicators"]["gwp"]["value"] == pytest.approx(120.0)
    assert d["scopes"]["scope2"]["gwp_location"] == pytest.approx(600.0)
    assert d["scopes"]["scope2"]["gwp_market"] == pytest.approx(720.0)


def test_cloud_to_owned_changes_scope_not_total(tmp_path):
    results = {}
    for own in ("cloud", "owned"):
        f = tmp_path / f"{own}.yaml"
        f.write_text(HAND.format(ownership=own))
        results[own] = portfolio_json(f, "--samples", "0")
    c, o = results["cloud"], results["owned"]
    for ind in ("gwp", "water", "adp", "ewaste", "energy", "pe"):
        assert c["indicators"][ind]["value"] == pytest.approx(o["indicators"][ind]["value"], rel=1e-12)
    assert c["gwp_market"] == pytest.approx(o["gwp_market"], rel=1e-12)
    assert c["scopes"]["scope2"]["gwp"] == 0 and o["scopes"]["scope2"]["gwp"] > 0
    assert c["scopes"]["scope3_cat1"]["gwp"] > 0 and o["scopes"]["scope3_cat1"]["gwp"] == 0


def test_example_use_case_moved_to_owned(tmp_path):
    text = EXAMPLE.read_text().replace("    ownership: third_party\n", "    ownership: owned\n")
    moved = tmp_path / "moved.yaml"
    moved.write_text(text)
    (tmp_path / "use-cases").symlink_to(EXAMPLE.parent / "use-cases")
    base = portfolio_json(EXAMPLE, "--samples", "0")
    # the moved copy refers to ../image-generation.yaml and ../single-gpu-finetune.yaml
    for name in ("image-generation.yaml", "single-gpu-finetune.yaml"):
        target = tmp_path.parent / name
        if not target.exists():
            target.symlink_to(ROOT / "scenarios" / name)
    new = portfolio_json(moved, "--samples", "0")
    assert new["indicators"]["gwp"]["value"] == pytest.approx(base["indicators"]["gwp"]["value"], rel=1e-12)
    a, b = base["use_cases"]["third-party-api"]["scopes"], new["use_cases"]["third-party-api"]["scopes"]
    assert a["scope3_cat1"]["gwp"] > 0 and b["scope3_cat1"]["gwp"] == 0 and b["scope2"]["gwp"] > 0


def test_text_and_csv(tmp_path):
    text = run_cli("portfolio", EXAMPLE, "--samples", "0").stdout
    assert "market-based" in text and "Scope 2" in text
    csv = run_cli("portfolio", EXAMPLE, "--samples", "0", "--format", "csv").stdout.splitlines()
    assert csv[0] == "use_case,basis,group,key,indicator,value,unit"
    assert any(line.startswith("portfolio,market,total,total,gwp,") for line in csv)
    assert any(line.startswith("portfolio,location,outlook,2030,gwp,") for line in csv)
    assert any(line.startswith("portfolio,market,outlook,2030,gwp,") for line in csv)
    assert "outlook 2025–2030" in text


@pytest.mark.parametrize("body,where,key,message", [
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n    volumes: {requests: 1}\n",
     ":7:5:", "use_cases.a.volumes", "did you mean 'volume'"),
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n",
     ":6:15:", "use_cases.a.scenario", "no such scenario file"),
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n    ownership: clowd\n",
     ":7:16:", "use_cases.a.ownership", "did you mean 'cloud'"),
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n    electricity: {residual: residual-XX}\n",
     ":7:29:", "use_cases.a.electricity.residual", "no residual_mix record"),
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a: [\n", ":6:1:", "", "YAML syntax error"),
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\noutlook:\n  until: 2020\n",
     ":8:10:", "outlook.until", "after the reporting year 2025"),
    ("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: nope.yaml\n"
     "outlook:\n  until: 2030\n  adoption: adoption-hgh\n",
     ":9:13:", "outlook.adoption", "did you mean 'adoption-high'"),
])
def test_malformed_portfolio(tmp_path, body, where, key, message):
    f = tmp_path / "bad.yaml"
    f.write_text(body)
    out = tmp_path / "report.html"
    proc = run_cli("portfolio", f, "--report", out, check=False)
    assert proc.returncode == 2
    assert not out.exists()
    lines = [l for l in proc.stderr.splitlines() if l.startswith(f"{f}{where}")]
    assert lines, proc.stderr
    line = lines[0]
    if key:
        assert f" {key}: " in line
    assert message in line
    assert re.search(r"\d+ problems? found", proc.stderr)


def test_error_inside_a_referenced_scenario_points_into_it(tmp_path):
    sc = tmp_path / "broken.yaml"
    sc.write_text("lca4ai: 1\nname: b\nnodes:\n  grid: {type: grid, region: FRR}\n")
    f = tmp_path / "p.yaml"
    f.write_text("lca4ai_portfolio: 1\ncompany: X\nyear: 2025\nuse_cases:\n  a:\n    scenario: broken.yaml\n")
    proc = run_cli("portfolio", f, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{sc}:4:"), proc.stderr


# --- the HTML report in headless Chromium ------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def png_is_blank(data):
    """Decodes a PNG (8-bit RGB/RGBA, any filter) enough to count distinct pixel rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = len(raw) // height
    rows = {raw[i * stride + 1:(i + 1) * stride] for i in range(0, height, max(1, height // 200))}
    return width == 0 or len(rows) < 5


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    html = d / "report.html"
    j = json.loads(run_cli("portfolio", EXAMPLE, "--report", html, "--format", "json", "--samples", "300").stdout)
    return html, j


def test_report_is_self_contained(report):
    html, j = report
    text = html.read_text(encoding="utf-8")
    assert text.count("<svg") >= 3
    assert "<script" not in text.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "{{" not in text
    # key numbers: the location- and market-based totals in tonnes, as printed
    for kg in (j["indicators"]["gwp"]["value"], j["gwp_market"]):
        t = kg / 1000
        shown = f"{t:,.0f}" if t >= 1000 else f"{t:.0f}" if t >= 100 else f"{t:.1f}" if t >= 10 else f"{t:.2f}"
        assert shown in text, shown
    for u in j["use_cases"].values():
        assert u["name"] in text.replace("&amp;", "&")
    assert "Scope 2" in text and "Scope 3" in text and "Reporting checklist" in text
    assert "Outlook to 2030" in text and "<polygon" in text  # the fan chart's bands
    assert "@media print" in text


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_report_renders_in_chromium(report, tmp_path):
    html, _ = report
    png = tmp_path / "report.png"
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                           f"--screenshot={png}", "--window-size=1280,4000", f"file://{html}"],
                          capture_output=True, text=True, timeout=120)
    assert png.is_file() and png.stat().st_size > 20000, proc.stderr
    assert not png_is_blank(png.read_bytes())
    assert "Uncaught" not in proc.stderr
    assert "ERROR:CONSOLE" not in proc.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_report_prints_to_pdf(report, tmp_path):
    html, _ = report
    pdf = tmp_path / "report.pdf"
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                           "--no-pdf-header-footer", f"file://{html}"], capture_output=True, text=True, timeout=120)
    assert pdf.is_file(), proc.stderr
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 20000
