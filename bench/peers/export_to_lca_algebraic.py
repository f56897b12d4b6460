#!/usr/bin/env python3
"""Solve an lca4ai export with lca_algebraic (Brightway 2.5 flavour).

A Brightway project is created in a temporary folder (BRIGHTWAY2_DIR points
there; removed at exit): a biosphere database with the export's flows, a GWP
method with the export's characterisation factors, and a foreground database
with one activity per lca4ai process whose exchanges are sympy expressions of
symbolic parameters (newFloatParam), one per lca4ai parameter, with the same
distribution. Entry expressions follow common.py: value * prod (p/p0)**e.

Deterministic: compute_impacts at the parameters' central values.
Monte Carlo: compute_impacts with numpy arrays of N samples per parameter (its
vectorised evaluation). Samples are drawn with scipy inverse CDFs from the
lca4ai distributions (lca_algebraic's own LOGNORMAL means something else:
scipy lognorm(default, std)); sampling time is included in the timing.

Needs an acyclic foreground (lca_algebraic expands it as a tree).

Usage: export_to_lca_algebraic.py EXPORT.json|SCENARIO.yaml [--lca4ai BIN]
                                  [--samples N] [--seed S] [--json]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

import common

METHOD = ("lca4ai", "climate change", "GWP100")


def build(d):
    import bw2data as bd
    import lca_algebraic as agb

    bd.projects.set_current("lca4ai-bench")
    bio = "biosphere_lca4ai"
    bd.Database(bio).write({(bio, f"f{i}"): {"name": f["name"], "unit": f["unit"], "type": "emission",
                                              "categories": ("air",)}
                            for i, f in enumerate(d["flows"])})
    c = common.gwp_factors(d)
    m = bd.Method(METHOD)
    m.register(unit="kg CO2e")
    m.write([((bio, f"f{i}"), float(c[i])) for i in range(len(c)) if c[i] != 0])

    fg = "lca4ai_fg"
    agb.resetDb(fg)
    agb.resetParams()
    uncertain = common.uncertain_parameters(d)
    syms = {}
    for p in d["parameters"]:
        name = common.safe_name(p["name"])
        dist = p.get("distribution") or {}
        t = dist.get("type")
        v = p["value"]
        if p["name"] not in uncertain:
            syms[p["name"]] = agb.newFloatParam(name, v, distrib=agb.DistributionType.FIXED, save=False)
        elif t == "uniform":
            syms[p["name"]] = agb.newFloatParam(name, v, min=dist["min"], max=dist["max"], save=False)
        elif t in ("triangular", "pert"):
            syms[p["name"]] = agb.newFloatParam(name, v, min=dist["min"], max=dist["max"],
                                                distrib=agb.DistributionType.TRIANGLE, save=False)
        else:  # sampled by common.sample_parameter; declared with min/max of +-3 sigma for information
            syms[p["name"]] = agb.newFloatParam(name, v, min=v, max=v, save=False)

    n = len(d["processes"])
    acts = [agb.newActivity(fg, f"p{j}:{pr['name']}", pr["unit"]) for j, pr in enumerate(d["processes"])]
    diag = np.ones(n)
    for e in d["technosphere"]:
        if e["row"] == e["col"]:
            diag[e["col"]] = e["value"]

    def expr(e):
        x = e["value"]
        for pname in e.get("parameters") or []:
            p0 = next(p["value"] for p in d["parameters"] if p["name"] == pname)
            if p0 != 0:
                x = x * (syms[pname] / p0) ** common.exponent(pname)
        return x

    exchanges = [dict() for _ in range(n)]
    for e in d["technosphere"]:
        if e["row"] != e["col"]:
            exchanges[e["col"]][acts[e["row"]]] = -expr(e) / diag[e["col"]]
    bio_acts = {i: bd.get_activity((bio, f"f{i}")) for i in range(len(d["flows"]))}
    for e in d["biosphere"]:
        exchanges[e["col"]][bio_acts[e["row"]]] = exchanges[e["col"]].get(bio_acts[e["row"]], 0) + expr(e) / diag[e["col"]]
    for j in range(n):
        if exchanges[j]:
            acts[j].addExchanges(exchanges[j])
    dem = {}
    for x in d["demands"]:
        dem[acts[x["process"]]] = dem.get(acts[x["process"]], 0.0) + x["amount"]
    root = agb.newActivity(fg, "system", "unit", exchanges=dem)
    return root, uncertain


def run(d, samples, seed):
    import lca_algebraic as agb
    t0 = time.perf_counter()
    root, uncertain = build(d)
    t1 = time.perf_counter()
    det = agb.compute_impacts(root, [METHOD])
    gwp = float(np.asarray(det.values).ravel()[0])
    t2 = time.perf_counter()
    out = dict(gwp=gwp, build_s=t1 - t0, first_eval_s=t2 - t1)
    if samples > 0:
        rng = np.random.default_rng(seed)
        t3 = time.perf_counter()
        values = {common.safe_name(name): common.sample_parameter(p, rng.random(samples))
                  for name, p in uncertain.items()}
        res = agb.compute_impacts(root, [METHOD], **values)
        t4 = time.perf_counter()
        scores = np.asarray(res.values, dtype=float)[:, 0]
        out["mc"] = dict(samples=samples, uncertain_parameters=len(uncertain), mc_s=t4 - t3,
                         per_s=samples / (t4 - t3), mean=float(scores.mean()),
                         p05=float(np.percentile(scores, 5)), p95=float(np.percentile(scores, 95)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("--lca4ai", default="lca4ai")
    ap.add_argument("--samples", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    d = common.load_export(a.source, a.lca4ai)
    tmp = tempfile.mkdtemp(prefix="lca4ai-bw-")
    os.environ["BRIGHTWAY2_DIR"] = tmp  # before bw2data is imported
    try:
        import logging
        logging.disable(logging.WARNING)
        from importlib.metadata import version
        out = dict(peer="lca_algebraic", version=version("lca_algebraic_bw25"), processes=len(d["processes"]))
        out.update(run(d, a.samples, a.seed))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if a.json:
        print(json.dumps(out))
    else:
        print(f"lca_algebraic {out['version']}: deterministic GWP total {out['gwp']:.10g} kg CO2e "
              f"(model build {out['build_s']:.2f} s, first evaluation {out['first_eval_s']:.2f} s)")
        if "mc" in out:
            m = out["mc"]
            print(f"  Monte Carlo: {m['samples']} samples, {m['uncertain_parameters']} uncertain parameters, "
                  f"{m['per_s']:.0f} samples/s; mean {m['mean']:.6g}, 90% [{m['p05']:.6g}, {m['p95']:.6g}]")


if __name__ == "__main__":
    main()
