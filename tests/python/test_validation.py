"""Published cases reproduced through the CLI (see /work/shared/validation/README.md
and docs/validation.md).

Each scenario lives in tests/validation/ and reproduces the published
convention (boundary, PUE in or out, TDP vs measured power), even where that
convention is questionable; the questionable part is noted next to the test.
Every assertion compares the engine's output to a *published* figure (or, for
LLMCarbon's rows, to the paper's formula evaluated by hand here), with the
tolerance the README states.

Unit conventions of the JSON result: total.indicators.energy is facility
electricity drawn from the grid in kWh (IT energy × PUE); gwp is kg CO2e.
"""
import pytest

from conftest import ROOT, run_json

CASES = ROOT / "tests" / "validation"
LB = 0.45359237  # kg per lb, exact


def run(name):
    return run_json(CASES / name)


def energy_kwh(result):
    return result["total"]["indicators"]["energy"]["value"]


def gwp_kg(result):
    return result["total"]["indicators"]["gwp"]["value"]


def node_gwp(result, node):
    return result["total"]["nodes"][node]["gwp"]


# ---------------------------------------------------------------------------
# 1. Patterson et al. 2021, Table 4 (arXiv:2104.10350) — operational only.
#    MWh = chips × days × 24 × avg system W per chip × PUE / 1e6; t = MWh × factor.
#    "Average system power per chip" is measured and includes the host, memory
#    and network share (it can exceed TDP): the training node's `power` is that
#    figure, not a TDP. Embodied and construction are out of the published
#    boundary (inline embodied 0, no construction, wue 0).
# ---------------------------------------------------------------------------
PATTERSON_GROSS = [
    # file, published MWh, published gross t CO2e
    ("patterson-et-nas.yaml", 7.5, 3.2),
    ("patterson-t5.yaml", 85.7, 46.7),
    ("patterson-meena.yaml", 232, 96.4),
    # GShard: 1024 × 3.1 d × 24 × 288 W × 1.09 = 23.92 MWh vs 24.1 published
    # (-0.75 %). "3.1 days" is rounded to 0.1 d: 3.05..3.15 d is ±1.6 %, and the
    # paper used exact processor-hours; 24.1 MWh implies ≈ 3.12 days. Within ±1 %.
    ("patterson-gshard.yaml", 24.1, 4.8),
    ("patterson-switch.yaml", 179, 72.2),
    ("patterson-gpt3.yaml", 1287, 552.1),
]


@pytest.mark.parametrize("case,mwh,tco2e", PATTERSON_GROSS)
def test_patterson_gross(case, mwh, tco2e):
    result = run(case)
    assert energy_kwh(result) / 1000 == pytest.approx(mwh, rel=0.01)
    assert gwp_kg(result) / 1000 == pytest.approx(tco2e, rel=0.01)


PATTERSON_NET = [
    # Net = market-based: the grid node has basis: market and factors.gwp = the
    # operator's net factor (gross factor minus carbon-free purchases there).
    # GShard net: 23.92 MWh × 0.177 = 4.23 t vs 4.3 published (-1.5 %): the
    # rounded 3.1 days again (24.1 MWh × 0.177 = 4.27 t). Within the README's ±2 %.
    ("patterson-gshard-net.yaml", 24.1, 4.3),
    ("patterson-switch-net.yaml", 179, 59.1),
]


@pytest.mark.parametrize("case,mwh,net_tco2e", PATTERSON_NET)
def test_patterson_net(case, mwh, net_tco2e):
    result = run(case)
    assert energy_kwh(result) / 1000 == pytest.approx(mwh, rel=0.01)
    assert gwp_kg(result) / 1000 == pytest.approx(net_tco2e, rel=0.02)


PATTERSON_COMPUTE = [
    # Compute mode: run length = FLOPs / (chips × achieved FLOP/s), achieved =
    # mfu × peak. T5: 4.05e22 / (512 × 45.6e12) s = 20.08 d (published 20 d);
    # GPT-3: 3.14e23 / (10,000 × 24.6e12) s = 14.77 d (published 14.8 d).
    # Note: the scenarios write mfu as `= (45.6) / (123)`; see the engine
    # note in docs/validation.md ('= 45.6 / 123' is rejected by the parser).
    ("patterson-t5-compute.yaml", 85.7, 46.7, 20.0),
    ("patterson-gpt3-compute.yaml", 1287, 552.1, 14.8),
]


@pytest.mark.parametrize("case,mwh,tco2e,days", PATTERSON_COMPUTE)
def test_patterson_compute_mode(case, mwh, tco2e, days):
    result = run(case)
    assert energy_kwh(result) / 1000 == pytest.approx(mwh, rel=0.03)
    assert gwp_kg(result) / 1000 == pytest.approx(tco2e, rel=0.03)
    wall_clock_days = result["quantities"]["training"]["wall_clock"]["value"] / 24
    assert wall_clock_days == pytest.approx(days, rel=0.03)


# ---------------------------------------------------------------------------
# 2. LLMCarbon (Faiz et al., arXiv:2309.14393), Table 5, XLM.
# ---------------------------------------------------------------------------
XLM_DAYS = 20.4275
XLM_ROWS = [
    # hardware node, kg CO2e per unit, units
    ("v100", 9.78, 512),
    ("cpu", 1.47, 64),
    ("ssd", 768, 64),
    ("dram", 102.4, 64),
]


@pytest.mark.parametrize("node,kg_per_unit,units", XLM_ROWS)
def test_llmcarbon_embodied_rows(node, kg_per_unit, units):
    """Each row: units × kg per unit × days / (5 × 365), exactly (5-year life,
    the engine's year = 365 days, utilisation 1)."""
    expected_kg = units * kg_per_unit * XLM_DAYS / (5 * 365)
    assert node_gwp(run("llmcarbon-xlm.yaml"), node) == pytest.approx(expected_kg, rel=1e-9)


def test_llmcarbon_embodied_total():
    """Published ≈ 0.66 t CO2e. Inconsistency in the source: the rows as listed
    sum to 0.681 t (V100 56.05 kg + CPU 1.05 kg + SSD 550.17 kg + DRAM 73.36 kg
    = 680.6 kg, +3.1 % over 0.66 t). The SSD row alone is 81 % of it, so a
    small difference in the SSD factor or count in the paper's own calculation
    would explain the gap; we keep the listed factors and accept ±5 %."""
    result = run("llmcarbon-xlm.yaml")
    embodied_kg = sum(node_gwp(result, node) for node, _, _ in XLM_ROWS)
    assert embodied_kg / 1000 == pytest.approx(0.66, rel=0.05)
    assert result["total"]["embodied"]["gwp"] / 1000 == pytest.approx(0.66, rel=0.05)


def test_llmcarbon_operational():
    """512 V100 × days × 24 h × 342 W × PUE 1.1 × 0.413 kg/kWh. With the paper's
    rounded 20.4 days this is 38.95 t; with the 20.4275 days of the embodied
    row it is 39.00 t; published 39 t (±1 %)."""
    result = run("llmcarbon-xlm.yaml")
    assert node_gwp(result, "training") / 1000 == pytest.approx(39, rel=0.01)
    assert result["total"]["operational"]["gwp"] / 1000 == pytest.approx(39, rel=0.01)


# ---------------------------------------------------------------------------
# 3. BLOOM (Luccioni, Viguier, Ligozat, JMLR 2023, arXiv:2211.02001).
#    Published convention: dynamic = GPU-hours × 400 W TDP with no PUE (the
#    measured idle/infrastructure energy is reported separately instead);
#    both at France's 0.057 kg CO2e/kWh. Using TDP rather than measured
#    power is the paper's choice and is kept.
# ---------------------------------------------------------------------------
def test_bloom_dynamic():
    result = run("bloom.yaml")
    assert result["total"]["nodes"]["dynamic"]["energy"] == pytest.approx(433196, rel=0.01)
    assert node_gwp(result, "dynamic") / 1000 == pytest.approx(24.69, rel=0.01)


def test_bloom_idle():
    result = run("bloom.yaml")
    assert result["total"]["nodes"]["idle"]["energy"] == pytest.approx(256646, rel=0.01)
    assert node_gwp(result, "idle") / 1000 == pytest.approx(14.6, rel=0.01)


def test_bloom_embodied():
    """Per-unit factors are reconstructed (A100 150 kg, server without GPUs
    2,500 kg); 6-year life, 85 % utilisation, over the run's wall-clock time
    1,082,990 GPU-h / 384 GPUs = 2,820 h: 57.6 t + 120 t of hardware ×
    2,820 h / (6 × 8,760 h) / 0.85 = 11.2 t. Published 11.2 t, ±5 %."""
    result = run("bloom.yaml")
    embodied_t = (node_gwp(result, "a100") + node_gwp(result, "server")) / 1000
    assert embodied_t == pytest.approx(11.2, rel=0.05)
    assert result["total"]["embodied"]["gwp"] / 1000 == pytest.approx(11.2, rel=0.05)


def test_bloom_total():
    """24.69 + 14.6 + 11.2 = 50.5 t published. The README gives no tolerance
    for the total; its parts carry ±1 %, ±1 %, ±5 %, which bound the total
    by ≈ ±1.5 %: we use ±2 %."""
    assert gwp_kg(run("bloom.yaml")) / 1000 == pytest.approx(50.5, rel=0.02)


# ---------------------------------------------------------------------------
# 4. Strubell et al. 2019, Table 3 (arXiv:1906.02243).
#    kWh = 1.58 × hours × total W / 1000; lbs CO2e = 0.954 × kWh. PUE 1.58 (an
#    industry average of the time) is applied even to cloud/university GPU
#    runs, which inflates the estimates; kept as published. The grid factor is
#    written in kg: 0.954 × 0.45359237 kg CO2e/kWh.
#    Tolerance: published figures are whole numbers: ±0.5 of the last digit
#    or ±1 %, whichever is larger.
# ---------------------------------------------------------------------------
STRUBELL = [
    # file, published kWh, published lbs CO2e
    ("strubell-transformer-base.yaml", 27, 26),
    ("strubell-transformer-big.yaml", 201, 192),
    ("strubell-elmo.yaml", 275, 262),
    # BERT base: 1.58 × 79 h × 12,041.51 W = 1,503.0 kWh vs 1,507 published
    # (-0.27 %), 1,433.9 lbs vs 1,438 (-0.29 %): the table's inputs are
    # themselves rounded (hours, W); within ±1 %.
    ("strubell-bert-base.yaml", 1507, 1438),
    ("strubell-nas.yaml", 656347, 626155),
]


def strubell_tolerance(published):
    return max(0.5, 0.01 * abs(published))


@pytest.mark.parametrize("case,kwh,lbs", STRUBELL)
def test_strubell(case, kwh, lbs):
    result = run(case)
    assert energy_kwh(result) == pytest.approx(kwh, abs=strubell_tolerance(kwh))
    assert gwp_kg(result) / LB == pytest.approx(lbs, abs=strubell_tolerance(lbs))


# ---------------------------------------------------------------------------
# 5. Google 2025 (Elsworth et al., arXiv:2508.15734): boundary of a prompt.
# ---------------------------------------------------------------------------
WH = 1e-3  # kWh per Wh
GOOGLE_TOL_WH = 0.01


def test_google_2025_boundary_levels():
    """Comprehensive boundary of the median Gemini Apps text prompt, built up
    level by level: active accelerators 0.139 Wh (58 % of 0.24), + host CPU and
    DRAM 0.199 Wh (25 %), + idle provisioned capacity 0.223 Wh (10 %),
    + facility overhead (PUE 1.09) 0.243 Wh ≈ 0.24 Wh published. Each ±0.01 Wh.

    0.10 Wh vs 0.24 Wh: Google's narrow figure, 0.10 Wh, is the *active
    accelerator energy measured alone* — the boundary earlier studies used —
    and was measured by a different method; it is NOT 58 % of 0.24 Wh
    (= 0.139 Wh). The comprehensive figure adds what the narrow one leaves
    out: the host CPU and DRAM, the idle machines kept provisioned for
    latency and failover, and the facility overhead of the PUE. Even its
    accelerator part (0.139 Wh) exceeds the narrow 0.10 Wh: the two come from
    different measurement methods, and the published numbers do not break
    the 0.039 Wh gap down further. The shares are rounded and sum to 101 %, so the levels are
    reproduced to ±0.01 Wh, not exactly. Both figures are shown below; neither
    is forced onto the other. Grams of CO2e and mL of water depend on
    unpublished factors and are not tested.
    """
    result = run("google-2025-boundary.yaml")
    q = result["quantities"]["gemini"]
    requests = q["requests"]["value"]
    params = {p["name"]: p for p in result["parameters"]}

    accelerators_wh = params["accelerator_energy"]["value"]
    assert params["accelerator_energy"]["unit"] == "Wh"
    dynamic_wh = q["dynamic_it_energy"]["value"] / requests / WH  # accelerators + host
    it_wh = q["it_energy"]["value"] / requests / WH  # + idle capacity
    facility_wh = result["services"]["gemini"]["per_request"]["energy"] / WH  # + overhead

    assert accelerators_wh == pytest.approx(0.58 * 0.24, abs=GOOGLE_TOL_WH)
    assert accelerators_wh == pytest.approx(0.139, abs=GOOGLE_TOL_WH)
    assert dynamic_wh == pytest.approx(0.199, abs=GOOGLE_TOL_WH)
    assert it_wh == pytest.approx(0.223, abs=GOOGLE_TOL_WH)
    assert facility_wh == pytest.approx(0.24, abs=GOOGLE_TOL_WH)
    # the whole system divided by its prompts gives the same figure
    assert energy_kwh(result) / requests / WH == pytest.approx(0.24, abs=GOOGLE_TOL_WH)

    # the narrow published figure is a different measurement, not the
    # accelerator level of the comprehensive boundary
    assert abs(accelerators_wh - 0.10) > GOOGLE_TOL_WH


def test_google_2025_energy_split():
    """The split of the comprehensive figure: 58 % accelerators, 25 % host,
    10 % idle, 8 % overhead (rounded; 8 % ≈ 1 − 1/1.09 = 8.3 %). Shares of the
    engine's facility energy, each within ±0.01 Wh of the published share of
    0.24 Wh."""
    result = run("google-2025-boundary.yaml")
    q = result["quantities"]["gemini"]
    requests = q["requests"]["value"]
    facility_wh = result["services"]["gemini"]["per_request"]["energy"] / WH
    params = {p["name"]: p["value"] for p in result["parameters"]}
    idle_wh = q["idle_it_energy"]["value"] / requests / WH
    overhead_wh = facility_wh - q["it_energy"]["value"] / requests / WH
    host_wh = q["dynamic_it_energy"]["value"] / requests / WH - params["accelerator_energy"]
    assert params["accelerator_energy"] == pytest.approx(0.58 * 0.24, abs=GOOGLE_TOL_WH)
    assert host_wh == pytest.approx(0.25 * 0.24, abs=GOOGLE_TOL_WH)
    assert idle_wh == pytest.approx(0.10 * 0.24, abs=GOOGLE_TOL_WH)
    assert overhead_wh == pytest.approx(0.08 * 0.24, abs=GOOGLE_TOL_WH)
    assert overhead_wh / facility_wh == pytest.approx(1 - 1 / 1.09, rel=1e-9)
