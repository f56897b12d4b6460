"""Every shipped scenario runs in every output format, its results are internally
consistent, and the published reproductions land where the papers say."""
import csv
import io
import json
import math

import pytest

from conftest import ROOT, run_cli, run_json

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
IDS = [p.stem for p in SCENARIOS]
REL = 1e-9


def close(a, b, rel=REL, scale=None):
    """a ≈ b relative to max(|a|, |b|, scale) (scale guards sums of terms that cancel)."""
    ref = max(abs(a), abs(b), abs(scale or 0.0))
    return abs(a - b) <= rel * ref or ref < 1e-300


@pytest.fixture(scope="module", params=SCENARIOS, ids=IDS)
def result(request):
    path = request.param
    return path, run_json(path)


def indicators(block):
    return {k: v["value"] for k, v in block["indicators"].items()}


def test_scenarios_exist():
    names = {p.name for p in SCENARIOS}
    for expected in ("llm-lifecycle.yaml", "gpt3-training.yaml", "bloom-training.yaml",
                     "image-generation.yaml", "single-gpu-finetune.yaml"):
        assert expected in names


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_scenario_has_description(path):
    text = path.read_text(encoding="utf-8")
    assert "\ndescription:" in text, f"{path.name} needs a description citing its sources"


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_validate_passes(path):
    proc = run_cli("validate", path, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_text_format(path):
    proc = run_cli("run", path, "--format", "text")
    assert proc.returncode == 0
    assert "functional unit:" in proc.stdout
    assert "by stage" in proc.stdout and "by node" in proc.stdout
    for word in ("Traceback", "terminate", "what()"):
        assert word not in proc.stderr


def test_per_fu_times_count_is_total(result):
    _, d = result
    count = d["functional_unit"]["count"]
    assert count > 0
    total = indicators(d["total"])
    for name, block in d["indicators"].items():
        assert close(block["value"] * count, total[name]), name
        assert block["unit"] == d["total"]["indicators"][name]["unit"]


def test_stages_and_nodes_sum_to_total(result):
    _, d = result
    for basis, block in (("total", d["total"]), ("per_fu", d)):
        tot = {k: v["value"] for k, v in (block["indicators"]).items()}
        for ind, value in tot.items():
            stages = [s[ind] for s in block["stages"].values()]
            nodes = [n[ind] for n in block["nodes"].values()]
            scale = sum(abs(x) for x in stages)
            assert close(sum(stages), value, scale=scale), (basis, ind, "stages")
            assert close(sum(nodes), value, scale=sum(abs(x) for x in nodes)), (basis, ind, "nodes")


def test_embodied_operational_credits(result):
    _, d = result
    for basis, block in (("total", d["total"]), ("per_fu", d)):
        for ind, v in block["indicators"].items():
            parts = [block["embodied"][ind], block["operational"][ind], block["credits"][ind]]
            assert close(sum(parts), v["value"], scale=sum(map(abs, parts))), (basis, ind)
            assert block["credits"][ind] <= 0.0
            assert block["embodied"][ind] >= 0.0 and block["operational"][ind] >= 0.0


def test_no_negative_or_nan(result):
    _, d = result
    for ind, v in d["total"]["indicators"].items():
        assert math.isfinite(v["value"]) and v["value"] >= 0.0, ind


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_csv_matches_json(path):
    d = run_json(path)
    proc = run_cli("run", path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows, "empty CSV"
    assert set(rows[0]) == {"basis", "statistic", "indicator", "stage", "node", "value", "unit"}
    by = {(r["basis"], r["indicator"], r["stage"], r["node"]): float(r["value"]) for r in rows}
    count = d["functional_unit"]["count"]
    rel = 1e-8  # the CSV prints 10 significant digits
    for ind, block in d["total"]["indicators"].items():
        total = by[("total", ind, "all", "all")]
        per_fu = by[("per_fu", ind, "all", "all")]
        assert close(total, block["value"], rel), ind
        assert close(per_fu * count, total, rel), ind
        stage_rows = [v for (b, i, s, n), v in by.items() if b == "total" and i == ind and s != "all" and n == "all"]
        node_rows = [v for (b, i, s, n), v in by.items() if b == "total" and i == ind and n != "all"]
        assert len(stage_rows) == len(d["total"]["stages"])
        assert len(node_rows) == len(d["total"]["nodes"])
        assert close(sum(stage_rows), total, rel, scale=sum(map(abs, stage_rows))), ind
        assert close(sum(node_rows), total, rel, scale=sum(map(abs, node_rows))), ind
    units = {r["indicator"]: r["unit"] for r in rows}
    for ind, block in d["total"]["indicators"].items():
        assert units[ind] == block["unit"]


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_output_file_written_atomically(tmp_path, fmt):
    scenario = ROOT / "scenarios" / "gpt3-training.yaml"
    out = tmp_path / f"out.{fmt}"
    proc = run_cli("run", scenario, "--format", fmt, "-o", out)
    assert proc.stdout == ""
    assert out.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name], "temporary file left behind"
    expected = run_cli("run", scenario, "--format", fmt).stdout
    assert out.read_text(encoding="utf-8") == expected
    if fmt == "json":
        assert json.loads(out.read_text())["functional_unit"]["count"] == 1


def test_output_file_replaces_existing(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old")
    run_cli("run", ROOT / "scenarios" / "bloom-training.yaml", "--format", "json", "-o", out)
    assert json.loads(out.read_text())["scenario"]["name"].startswith("BLOOM")
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_failing_run_writes_no_output(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "scenarios" / "gpt3-training.yaml").read_text()
    bad.write_text(text.replace("    pue: $pue\n", "    pue: 0.9\n", 1))
    out = tmp_path / "out.json"
    proc = run_cli("run", bad, "--format", "json", "-o", out, check=False)
    assert proc.returncode != 0
    assert "pue" in proc.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_range_checks_apply_to_parameters(tmp_path):
    text = (ROOT / "scenarios" / "gpt3-training.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  pue: 1.10 ", "  pue: 0.9 ", 1))
    proc = run_cli("validate", bad, check=False)
    assert proc.returncode != 0 and "PUE must be at least 1" in proc.stderr


# ---------------------------------------------------------------- scenario-specific


def scenario(name):
    return run_json(ROOT / "scenarios" / name)


def q(d, node, key):
    return d["quantities"][node][key]["value"]


def test_gpt3_reproduces_patterson():
    d = scenario("gpt3-training.yaml")
    t = d["total"]
    gpu_hours = 10000 * 14.8 * 24                         # 3.552e6
    it_kwh = gpu_hours * 0.330                            # 1,172,160 kWh
    assert d["functional_unit"]["count"] == 1
    assert q(d, "training", "it_energy") == pytest.approx(it_kwh, rel=1e-9)
    assert q(d, "training", "wall_clock") == pytest.approx(14.8 * 24, rel=1e-9)
    # the paper: 1,287 MWh and 552 t CO2e
    assert t["indicators"]["energy"]["value"] == pytest.approx(1_287_000, rel=0.01)
    assert t["indicators"]["energy"]["value"] == pytest.approx(it_kwh * 1.10, rel=1e-9)
    assert t["stages"]["training"]["gwp"] == pytest.approx(552_000, rel=0.01)
    assert t["stages"]["training"]["gwp"] == pytest.approx(it_kwh * 1.10 * 0.429, rel=1e-9)
    # embodied: 22.58 kg per V100, 5-year (43,800 h) life, utilisation 1
    units = gpu_hours / 43800
    assert q(d, "v100", "units_allocated") == pytest.approx(units, rel=1e-9)
    assert t["nodes"]["v100"]["gwp"] == pytest.approx(units * 22.58, rel=1e-9)
    # end of life: 1.56 kg per card through 22.3 % recycling / 77.7 % landfill
    assert t["indicators"]["ewaste"]["value"] == pytest.approx(units * 1.56, rel=1e-9)
    assert t["nodes"]["eol"]["gwp"] == pytest.approx(units * 1.56 * (0.223 * 1.5062 + 0.777 * 0.022), rel=1e-6)
    # on-site water set to Li et al.'s 700,000 L
    assert d["inventory"]["water_onsite"]["value"] == pytest.approx(700, rel=0.01)
    assert t["indicators"]["gwp"]["value"] == pytest.approx(552_000 + units * 22.58, rel=0.01)


def test_bloom_reproduces_luccioni():
    d = scenario("bloom-training.yaml")
    t = d["total"]
    dynamic = 1_082_990 * 0.400                            # 433,196 kWh
    assert dynamic == pytest.approx(433_196, rel=1e-6)
    assert q(d, "training", "it_energy") == pytest.approx(dynamic, rel=1e-9)
    assert t["indicators"]["energy"]["value"] == pytest.approx(dynamic + 256_646, rel=1e-9)
    assert t["nodes"]["training"]["gwp"] == pytest.approx(24_690, rel=0.01)        # 24.69 t
    assert t["nodes"]["idle_infrastructure"]["gwp"] == pytest.approx(14_600, rel=0.01)  # 14.6 t
    wall = 1_082_990 / 384
    embodied = (384 * 150 + 48 * 2500) * wall / (52_560 * 0.85)
    assert q(d, "training", "wall_clock") == pytest.approx(wall, rel=1e-9)
    assert t["stages"]["hardware_fabrication"]["gwp"] == pytest.approx(embodied, rel=1e-9)
    assert embodied == pytest.approx(11_200, rel=0.01)                                # 11.2 t
    assert t["indicators"]["gwp"]["value"] == pytest.approx(50_500, rel=0.01)         # 50.5 t
    assert t["stages"]["datacentre_construction"]["gwp"] == 0.0


def test_image_generation():
    d = scenario("image-generation.yaml")
    t = d["total"]
    images = 1e5 * 365
    assert q(d, "service", "requests") == pytest.approx(images, rel=1e-9)
    assert d["functional_unit"]["count"] == pytest.approx(images / 1000, rel=1e-9)
    assert q(d, "service", "it_energy") == pytest.approx(images * 1.35e-3, rel=1e-9)   # 1.35 Wh/image
    assert t["stages"]["inference"]["energy"] == pytest.approx(images * 1.35e-3 * 1.12, rel=1e-9)
    assert t["nodes"]["pretraining"]["energy"] == pytest.approx(150_000 * 0.25 * 1.12, rel=1e-9)
    assert t["nodes"]["finetune"]["energy"] == pytest.approx(1_500 * 0.4 * 1.12, rel=1e-9)
    # per-image energy lands between the paper's median and the least efficient model (11.49 Wh)
    per_image_kwh = d["indicators"]["energy"]["value"] / 1000
    assert 1.35e-3 < per_image_kwh < 11.49e-3
    assert d["services"]["service"]["amortises"] == ["pretraining", "finetune"]


def test_single_gpu_finetune():
    d = scenario("single-gpu-finetune.yaml")
    t = d["total"]
    assert q(d, "finetune", "it_energy") == pytest.approx(24 * 0.072 * 0.9, rel=1e-9)
    assert t["nodes"]["finetune"]["energy"] == pytest.approx(24 * 0.072 * 0.9 * 1.56, rel=1e-9)
    requests = 2000 * 365
    assert q(d, "chat", "it_energy") == pytest.approx(requests * 46.9 / 0.58 / 3.6e6, rel=1e-9)
    l4_gwp = 2.945 * 1.8 + 24 * 0.4
    units = (24 + 8760) / (35_040 * 0.5)
    assert q(d, "l4", "units_allocated") == pytest.approx(units, rel=1e-9)
    assert t["nodes"]["l4"]["gwp"] == pytest.approx(units * l4_gwp, rel=1e-9)
    assert t["nodes"]["host"]["gwp"] == pytest.approx(units * 3660, rel=1e-9)
    assert t["nodes"]["finetune"]["gwp"] == pytest.approx(24 * 0.072 * 0.9 * 1.56 * 0.34414, rel=1e-9)
