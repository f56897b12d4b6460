"""Writes the example notebooks (without outputs) from the cells below.

    python examples/build_notebooks.py        # needs nbformat (requirements-test.txt)

Edit the cells here, not the .ipynb files, then re-run this script and commit both.
Each notebook ends with a cell tagged "summary" that prints key numbers as JSON;
tests/python/test_examples.py executes the notebooks and checks those numbers.
"""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent

SETUP = '''import json
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import lca4ai
from lca4ai import plot

# The repository root (the folder with scenarios/), wherever Jupyter was started.
REPO = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "scenarios").is_dir())
pd.set_option("display.float_format", "{:.4g}".format)
lca4ai.__version__'''


def md(text):
    return new_markdown_cell(text.strip())


def code(text, tags=None):
    cell = new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def summary(expr):
    return code(f"summary = {expr}\nprint(json.dumps(summary))", tags=["summary"])


def quickstart():
    return [
        md("""
# 01 — Quickstart

This notebook loads the flagship scenario `scenarios/llm-lifecycle.yaml` — a 70B chat model
pre-trained and fine-tuned on H100s, served for two years and decommissioned — runs it,
and looks at the result by indicator, by life-cycle stage and by node.

Everything numeric is computed by the C++ engine; the Python package gives you pandas
DataFrames. The numbers are identical to the command line `lca4ai run scenarios/llm-lifecycle.yaml`.

Install once from the repository root: `pip install .[plot]` (or `make venv`)."""),
        code(SETUP),
        md("## Load and run\n`lca4ai.load` checks the whole file and raises `lca4ai.ScenarioError` listing every problem."),
        code('''s = lca4ai.load(REPO / "scenarios" / "llm-lifecycle.yaml")
print(s.name)
s.parameters'''),
        code('''r = s.run()
r'''),
        md("""`r.indicators` has one row per indicator: `value` is per **functional unit** (here 1000 requests),
`total` is for the whole system. The statistics columns (`mean`, `sd`, `p2_5`, …) are filled by
Monte Carlo runs (notebook 04) and empty here."""),
        code("r.indicators"),
        md("## Where does it come from?\nBy life-cycle stage and by node (tidy DataFrames, easy to pivot)."),
        code('''stages = r.by_stage(basis="per_fu")
stages.pivot(index="stage", columns="indicator", values="value")'''),
        code('''plot.by_stage(r, "gwp");'''),
        code('''nodes = r.by_node(basis="per_fu")
nodes[nodes.indicator == "gwp"].sort_values("value", ascending=False)'''),
        code('''plot.by_node(r, "gwp");'''),
        md("## What if?\n`with_parameters` returns a new scenario; the original is unchanged. Numbers replace a "
           "parameter's central value in its own unit; text replaces a text parameter such as the grid region."),
        code('''what_ifs = {
    "as published": s,
    "PUE 1.4": s.with_parameters(pue=1.4),
    "in France": s.with_parameters(region="FR"),
    "PUE 1.4 in France": s.with_parameters(pue=1.4, region="FR"),
}
pd.DataFrame({k: v.run().indicators.set_index("indicator")["value"] for k, v in what_ifs.items()})'''),
        md("## Same output as the command line\n`to_json()` and `to_csv()` return exactly what "
           "`lca4ai run --format json|csv` prints."),
        code('''print(r.to_csv()[:400])'''),
        md("## Inventories\nEvery number the engine uses comes from a shipped inventory record with its source."),
        code('''lca4ai.inventories.list("hardware")'''),
        code('''h100 = lca4ai.inventories.show("nvidia-h100-sxm")
pd.DataFrame(h100["values"])[["field", "value", "unit", "uncertainty", "source"]]'''),
        summary('''{
    "gwp_per_fu": r.value("gwp"),
    "gwp_total": r.value("gwp", basis="total"),
    "functional_unit": r.functional_unit,
    "gwp_stage_sum": float(stages[stages.indicator == "gwp"]["value"].sum()),
    "gwp_fr": what_ifs["in France"].run().value("gwp"),
}'''),
    ]


TRAINING = '''TRAINING = """
lca4ai: 1
name: One pre-training run of 1e23 FLOP at 40 % model-FLOPs utilisation
functional_unit: {label: one training run, per: training, amount: 1}
parameters:
  region: US-VA            # grid of the data centre
  gpu: nvidia-h100-sxm     # accelerator inventory record
  gpus: 512
  pue: 1.2
nodes:
  grid: {type: grid, region: $region}
  dc: {type: datacenter, grid: grid, pue: $pue, wue: 0.5 L/kWh}
  accelerator: {type: hardware, item: $gpu}
  training:
    type: training
    site: dc
    hardware: {item: accelerator, count: $gpus}
    compute: 1e23 FLOP     # the same work on every accelerator
    mfu: 0.4               # duration = compute / (gpus x peak_flops x mfu)
"""
s = lca4ai.loads(TRAINING, "training.yaml")
s.run().indicators'''


def regions_and_hardware():
    return [
        md("""
# 02 — Regions and hardware

The same training run — 1e23 FLOP on 512 accelerators at 40 % MFU — placed on four electricity
grids (France, Germany, US-Virginia, world average) and run on three GPU generations
(A100, H100, B200). The scenario is a small YAML text with two **text parameters**, `region` and
`gpu`; `with_parameters(region="FR")` re-loads it with the new value, so every check of the
loader applies (a misspelt region is an error with a suggestion)."""),
        code(SETUP),
        code(TRAINING),
        md("## Four grids\nOperational emissions scale with the grid's carbon intensity; embodied emissions do not."),
        code('''regions = ["FR", "DE", "US-VA", "WORLD"]
by_region = s.sweep("region", regions, basis="per_fu")
by_region.set_index("region")[["gwp", "water", "energy"]]'''),
        code('''ax = by_region.plot.bar(x="region", y="gwp", legend=False, color="#4C72B0")
ax.set_ylabel("kg CO2e per training run");'''),
        md("## Three accelerators\nNewer chips finish the same compute in fewer device-hours, so they draw less "
           "energy even at higher power; their embodied footprint per unit is larger but amortised over fewer hours."),
        code('''gpus = {"A100": "nvidia-a100-sxm4", "H100": "nvidia-h100-sxm", "B200": "nvidia-b200"}
rows = []
for label, record in gpus.items():
    r = s.with_parameters(gpu=record).run()
    st = r.by_stage(basis="per_fu").query("indicator == 'gwp'").set_index("stage")["value"]
    rows.append({"gpu": label, "gwp": r.value("gwp"), "energy_kWh": r.value("energy"),
                 "embodied_gwp": st["hardware_fabrication"], "operational_gwp": st["training"]})
by_gpu = pd.DataFrame(rows).set_index("gpu")
by_gpu'''),
        md("## Both at once\nEvery region × accelerator combination (text parameters can be combined)."),
        code('''grid = pd.DataFrame({
    label: {reg: s.with_parameters(gpu=record, region=reg).run().value("gwp") for reg in regions}
    for label, record in gpus.items()
})
grid.index.name = "region"
grid'''),
        code('''fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
plot.by_stage(s.with_parameters(region="FR").run(), "gwp", ax=axes[0]).set_title("FR")
plot.by_stage(s.with_parameters(region="DE").run(), "gwp", ax=axes[1]).set_title("DE")
fig.tight_layout()'''),
        summary('''{
    "gwp_by_region": by_region.set_index("region")["gwp"].to_dict(),
    "gwp_by_gpu": by_gpu["gwp"].to_dict(),
    "energy_by_gpu": by_gpu["energy_kWh"].to_dict(),
}'''),
    ]


SERVICE = '''SERVICE = """
lca4ai: 1
name: A model trained once, then served for a year
functional_unit: {label: 1000 requests, per: chat, amount: 1000}
parameters:
  requests_per_day: 1e6
nodes:
  grid: {type: grid, region: US-VA}
  dc: {type: datacenter, grid: grid, archetype: dc-hyperscale, pue: 1.15}
  h100: {type: hardware, item: nvidia-h100-sxm, utilisation: 0.85}
  pretraining:
    type: training
    site: dc
    hardware: {item: h100, count: 1024}
    device_hours: 1e6 h
  chat:
    type: inference
    site: dc
    hardware: {item: h100, count: 16}
    period: 1 year
    traffic: {requests_per_day: $requests_per_day}
    energy_per_request: 0.15 Wh/request
    amortises: [pretraining]
"""
s = lca4ai.loads(SERVICE, "service.yaml")
r = s.run()
r.by_stage(basis="total").pivot(index="stage", columns="indicator", values="value")[["gwp", "energy"]]'''


def training_vs_inference():
    return [
        md("""
# 03 — Training versus inference

A model is trained once (1 M H100-hours) and served for a year. Training is a fixed cost;
serving grows with traffic. Two questions:

1. **When does serving overtake training?** At which traffic does the year of inference emit as
   much as the training run — and, at a given traffic, after how many days?
2. **How does the footprint per request fall with traffic?** Training (and the serving
   hardware) are shared by more requests.

`requests_per_day` is a parameter, so `Scenario.sweep` runs the scenario once per value."""),
        code(SETUP),
        code(SERVICE),
        md("## Sweep the traffic"),
        code('''import numpy as np

traffic = np.logspace(4, 9, 21)   # 10 thousand to 1 billion requests a day
rows = []
for q in traffic:
    res = s.with_parameters(requests_per_day=q).run()
    st = res.by_stage(basis="total").query("indicator == 'gwp'").set_index("stage")["value"]
    rows.append({"requests_per_day": q, "training_gwp": st["training"], "inference_gwp": st["inference"],
                 "gwp_per_1000_requests": res.value("gwp")})
sweep = pd.DataFrame(rows)
sweep.head()'''),
        code('''fig, axes = plt.subplots(1, 2, figsize=(11, 4))
sweep.plot(x="requests_per_day", y=["training_gwp", "inference_gwp"], logx=True, logy=True, ax=axes[0])
axes[0].set_ylabel("kg CO2e over the year")
sweep.plot(x="requests_per_day", y="gwp_per_1000_requests", logx=True, logy=True, ax=axes[1], legend=False)
axes[1].set_ylabel("kg CO2e per 1000 requests")
fig.tight_layout()'''),
        md("## The crossover\nInference emissions are linear in traffic here (no growth), so the crossover is "
           "where the training emissions equal a year of serving — interpolated on the sweep."),
        code('''ratio = sweep["inference_gwp"] / sweep["training_gwp"]
crossover = float(np.exp(np.interp(0.0, np.log(ratio), np.log(sweep["requests_per_day"]))))
print(f"serving a year emits as much as training at about {crossover:,.0f} requests a day")'''),
        md("At one million requests a day: how many days of serving equal the training run?"),
        code('''st = r.by_stage(basis="total").query("indicator == 'gwp'").set_index("stage")["value"]
days_to_overtake = st["training"] / (st["inference"] / 365)
print(f"training {st['training']:,.0f} kg CO2e; serving {st['inference'] / 365:,.1f} kg CO2e a day; "
      f"serving overtakes training after {days_to_overtake:,.0f} days")'''),
        summary('''{
    "crossover_requests_per_day": crossover,
    "days_to_overtake": float(days_to_overtake),
    "per_request_first": float(sweep["gwp_per_1000_requests"].iloc[0]),
    "per_request_last": float(sweep["gwp_per_1000_requests"].iloc[-1]),
    "per_request_decreasing": bool(sweep["gwp_per_1000_requests"].is_monotonic_decreasing),
}'''),
    ]


def uncertainty_and_sensitivity():
    return [
        md("""
# 04 — Uncertainty and sensitivity

The flagship scenario declares distributions for its uncertain parameters (PUE, GPU power,
energy per request, traffic growth, …) and the inventory records carry their own uncertainty.
`run(samples=N, seed=…)` draws them N times (Monte Carlo, reproducible for a seed);
`sensitivity(...)` tells which inputs matter."""),
        code(SETUP),
        code('''s = lca4ai.load(REPO / "scenarios" / "llm-lifecycle.yaml")
s.parameters'''),
        md("## Monte Carlo\n`value` stays the deterministic result; `mean`, `sd` and the percentiles describe the draws."),
        code('''mc = s.run(samples=2000, seed=1)
mc.indicators'''),
        code('''gwp = mc.samples("gwp")        # numpy array, one draw per sample, per functional unit
gwp.shape, gwp.mean()'''),
        code('''plot.histogram(mc, "gwp");'''),
        code('''mc.by_stage(basis="per_fu").query("indicator == 'gwp'")'''),
        md("## One at a time: a tornado\nEach uncertain input alone at its low and its high bound."),
        code('''oat = s.sensitivity(method="oat", indicator="gwp")
oat.sort_values("swing", ascending=False).head(10)'''),
        code('''plot.tornado(oat, base=s.run().value("gwp"), unit="kg CO2e per 1000 requests");'''),
        md("## Global: Sobol indices\n`S1` is the share of the variance an input explains alone, `ST` with its "
           "interactions; `_conf` columns are 95 % confidence half-widths. (More samples, narrower intervals.)"),
        code('''sobol = s.sensitivity(method="sobol", samples=2000, indicator="gwp", seed=1)
sobol.sort_values("ST", ascending=False).head(10)'''),
        summary('''{
    "value": mc.value("gwp"),
    "mean": float(mc.indicators.set_index("indicator").loc["gwp", "mean"]),
    "p2_5": float(mc.indicators.set_index("indicator").loc["gwp", "p2_5"]),
    "p97_5": float(mc.indicators.set_index("indicator").loc["gwp", "p97_5"]),
    "samples_mean": float(gwp.mean()),
    "n_samples": int(gwp.size),
    "top_sobol": sobol.sort_values("ST", ascending=False)["name"].iloc[0],
    "top_oat": oat.sort_values("swing", ascending=False)["name"].iloc[0],
}'''),
    ]


def outlook_2030():
    return [
        md("""
# 05 — 2030 outlook

`scenarios/portfolio-2030.yaml` follows the structure of Desroches et al. 2025 (arXiv:2501.14334):
a company's AI portfolio in a baseline year, traffic growing along an adoption pathway, hardware
becoming more efficient and grids decarbonising. `Scenario.project(start, end, samples=…)`
evaluates every year and returns a DataFrame indexed by year (see docs/projections.md)."""),
        code(SETUP),
        code('''s = lca4ai.load(REPO / "scenarios" / "portfolio-2030.yaml")
proj = s.project(2024, 2030, samples=2000, seed=1)
proj[["gwp", "gwp_p2_5", "gwp_p97_5", "energy"]]'''),
        code('''plot.fan(proj, "gwp");'''),
        md("Growth from the baseline year: the paper reports ×24.4 electricity under high adoption."),
        code('''energy_ratio = proj["energy"].iloc[-1] / proj["energy"].iloc[0]
gwp_ratio = proj["gwp"].iloc[-1] / proj["gwp"].iloc[0]
print(f"electricity ×{energy_ratio:.1f}, GHG ×{gwp_ratio:.1f} from {proj.index[0]} to {proj.index[-1]}")'''),
        summary('''{
    "first_year": int(proj.index[0]),
    "last_year": int(proj.index[-1]),
    "energy_ratio": float(energy_ratio),
    "gwp_ratio": float(gwp_ratio),
    "band_ok": bool((proj["gwp_p2_5"] <= proj["gwp_p97_5"]).all()),
}'''),
    ]


NOTEBOOKS = {
    "01-quickstart.ipynb": quickstart,
    "02-regions-and-hardware.ipynb": regions_and_hardware,
    "03-training-vs-inference.ipynb": training_vs_inference,
    "04-uncertainty-and-sensitivity.ipynb": uncertainty_and_sensitivity,
    "05-outlook-2030.ipynb": outlook_2030,
}


def build(out_dir: pathlib.Path = HERE) -> list[pathlib.Path]:
    """Writes every notebook into out_dir; returns their paths."""
    paths = []
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells(), metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        })
        for i, cell in enumerate(nb.cells):  # stable ids: rebuilding gives the same files
            cell["id"] = f"{name.split('-')[0]}-{i:02d}"
        nbformat.validate(nb)
        path = out_dir / name
        path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in build():
        print(p.relative_to(HERE.parent))
