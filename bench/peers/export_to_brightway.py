#!/usr/bin/env python3
"""Solve an lca4ai export with Brightway's calculator (bw2calc 2.5 line).

The technosphere, biosphere and characterisation (GWP) matrices are built as
an in-memory bw_processing datapackage: no project, no ecoinvent, no network.

Deterministic: bw2calc.LCA(...).lci(); .lcia(); .score, with all demands in one
demand vector (the system is linear, so this equals the sum over demands).

Monte Carlo: bw2calc.LCA(use_distributions=True) and next(lca). Each uncertain
matrix entry gets a stats_arrays distribution: where the entry depends on
exactly one lca4ai parameter linearly (exponent +1, see common.py), it is that
parameter's distribution scaled by value/central value. Entries that depend on
several parameters, or on one inversely, stay at their central value.
Brightway samples each matrix entry independently, so when one lca4ai
parameter appears in several entries, the correlation between them is not
reproduced: the peer's distribution of results differs from lca4ai's. This is
a speed comparison, not an uncertainty comparison.

Usage: export_to_brightway.py EXPORT.json|SCENARIO.yaml [--lca4ai BIN]
                              [--iterations N] [--seed S] [--json]
"""
import argparse
import json
import math
import time

import numpy as np

import common

FLOW_OFFSET = 1_000_000


def stats_array_row(p, k):
    """stats_arrays row for k * X, X ~ the lca4ai parameter p's distribution."""
    import stats_arrays as sa
    dist = p["distribution"]
    t = dist["type"]
    row = dict(uncertainty_type=sa.UndefinedUncertainty.id, loc=np.nan, scale=np.nan, shape=np.nan,
               minimum=np.nan, maximum=np.nan, negative=k < 0)
    if t == "uniform":
        a, b = sorted((k * dist["min"], k * dist["max"]))
        if a == b:
            return None
        row.update(uncertainty_type=sa.UniformUncertainty.id, loc=k * p["value"], minimum=a, maximum=b)
    elif t in ("triangular", "pert"):
        a, b = sorted((k * dist["min"], k * dist["max"]))
        if a == b:
            return None
        row.update(uncertainty_type=sa.TriangularUncertainty.id, loc=k * dist["mode"], minimum=a, maximum=b)
    elif t == "lognormal":
        row.update(uncertainty_type=sa.LognormalUncertainty.id, loc=math.log(abs(k) * dist["median"]),
                   scale=math.log(dist["gsd"]))
    elif t == "normal":
        row.update(uncertainty_type=sa.NormalUncertainty.id, loc=k * dist["mean"], scale=abs(k) * dist["sd"])
    else:
        return None
    return row


def build_datapackage(d, use_distributions):
    import bw_processing as bwp
    import stats_arrays as sa
    params = common.uncertain_parameters(d)
    c = common.gwp_factors(d)
    dp = bwp.create_datapackage(sum_intra_duplicates=True, sum_inter_duplicates=False)
    n_uncertain = 0

    def vector(entries, matrix, row_offset):
        nonlocal n_uncertain
        idx = np.array([(e["row"] + row_offset, e["col"]) for e in entries], dtype=bwp.INDICES_DTYPE)
        data = np.array([e["value"] for e in entries], dtype=float)
        dists = np.zeros(len(entries), dtype=bwp.UNCERTAINTY_DTYPE)
        dists["uncertainty_type"] = sa.UndefinedUncertainty.id
        dists["loc"] = data
        for col in ("scale", "shape", "minimum", "maximum"):
            dists[col] = np.nan
        if use_distributions:
            for i, e in enumerate(entries):
                names = e.get("parameters") or []
                if len(names) != 1 or names[0] not in params or common.exponent(names[0]) != 1:
                    continue
                p = params[names[0]]
                if p["value"] == 0:
                    continue
                row = stats_array_row(p, e["value"] / p["value"])
                if row is None:
                    continue
                for key, v in row.items():
                    dists[key][i] = v
                n_uncertain += 1
        dp.add_persistent_vector(matrix=matrix, indices_array=idx, data_array=data,
                                 distributions_array=dists, flip_array=np.zeros(len(entries), dtype=bool))

    vector(d["technosphere"], "technosphere_matrix", 0)
    vector(d["biosphere"], "biosphere_matrix", FLOW_OFFSET)
    nz = [f for f in range(len(c)) if c[f] != 0]
    dp.add_persistent_vector(matrix="characterization_matrix",
                             indices_array=np.array([(FLOW_OFFSET + f, FLOW_OFFSET + f) for f in nz],
                                                    dtype=bwp.INDICES_DTYPE),
                             data_array=np.array([c[f] for f in nz], dtype=float))
    return dp, n_uncertain


def demand_dict(d):
    dem = {}
    for x in d["demands"]:
        dem[x["process"]] = dem.get(x["process"], 0.0) + x["amount"]
    return dem


def deterministic(d):
    import bw2calc as bc
    dp, _ = build_datapackage(d, False)
    lca = bc.LCA(demand=demand_dict(d), data_objs=[dp])
    lca.lci()
    lca.lcia()
    return float(lca.score)


def monte_carlo(d, iterations, seed):
    import bw2calc as bc
    t0 = time.perf_counter()
    dp, n_uncertain = build_datapackage(d, True)
    lca = bc.LCA(demand=demand_dict(d), data_objs=[dp], use_distributions=True, seed_override=seed)
    lca.lci()
    lca.lcia()
    t1 = time.perf_counter()
    scores = np.empty(iterations)
    for i in range(iterations):
        next(lca)
        scores[i] = lca.score
    t2 = time.perf_counter()
    return dict(iterations=iterations, uncertain_entries=n_uncertain, setup_s=t1 - t0, mc_s=t2 - t1,
                per_s=iterations / (t2 - t1), mean=float(scores.mean()),
                p05=float(np.percentile(scores, 5)), p95=float(np.percentile(scores, 95)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("--lca4ai", default="lca4ai")
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    import bw2calc
    d = common.load_export(a.source, a.lca4ai)
    out = dict(peer="bw2calc", version=bw2calc.__version__, processes=len(d["processes"]),
               gwp=deterministic(d), gwp_numpy=common.numpy_gwp(d))
    if a.iterations > 0:
        out["mc"] = monte_carlo(d, a.iterations, a.seed)
    if a.json:
        print(json.dumps(out))
    else:
        print(f"bw2calc {out['version']}: deterministic GWP total {out['gwp']:.10g} kg CO2e "
              f"(numpy {out['gwp_numpy']:.10g})")
        if "mc" in out:
            m = out["mc"]
            print(f"  Monte Carlo: {m['iterations']} iterations, {m['uncertain_entries']} uncertain entries, "
                  f"{m['per_s']:.1f} iterations/s (setup {m['setup_s']:.2f} s); mean {m['mean']:.6g}, "
                  f"90% [{m['p05']:.6g}, {m['p95']:.6g}]")


if __name__ == "__main__":
    main()
