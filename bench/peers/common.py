"""Shared helpers for the peer benchmarks: read an `lca4ai export` JSON, solve it
with numpy (reference), and describe each uncertain matrix entry.

The export gives, for every matrix entry, its central value and the names of
the lca4ai parameters it depends on, but not the expression. The peers need a
functional form, so this module assumes every parameter-dependent entry is a
product of powers of its parameters,

    value(p) = value(p0) * prod_i (p_i / p0_i) ** e_i,

with e_i = -1 for parameters that amortise or share something (their names end
in one of INVERSE_SUFFIXES: lifetimes, load factors, shares) and e_i = +1
otherwise. This is exact for most entries of the flagship; it is an
approximation for compounding traffic growth. It only matters for the Monte
Carlo (a speed comparison); the deterministic check uses the central values.
"""
import json
import math
import re
import subprocess
import sys

import numpy as np

INVERSE_SUFFIXES = ("lifetime", "load_factor", "share")


def load_export(path_or_scenario, lca4ai=None):
    """Reads an export JSON file, or runs `lca4ai export` on a scenario YAML."""
    if str(path_or_scenario).endswith((".yaml", ".yml")):
        out = subprocess.run([lca4ai or "lca4ai", "export", str(path_or_scenario)], check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)
    with open(path_or_scenario) as f:
        return json.load(f)


def exponent(param_name):
    return -1 if param_name.rsplit(".", 1)[-1].endswith(INVERSE_SUFFIXES) else 1


def gwp_factors(d):
    for c in d["characterisation"]:
        if c["indicator"] == "gwp":
            return np.asarray(c["factors"], dtype=float)
    raise KeyError("no gwp indicator in export")


def demand_vector(d):
    f = np.zeros(len(d["processes"]))
    for dem in d["demands"]:
        f[dem["process"]] += dem["amount"]
    return f


def numpy_gwp(d):
    """s = A^-1 f, g = B s, h = C g with dense numpy (reference only)."""
    n, m = len(d["processes"]), len(d["flows"])
    A = np.zeros((n, n))
    B = np.zeros((m, n))
    for e in d["technosphere"]:
        A[e["row"], e["col"]] += e["value"]
    for e in d["biosphere"]:
        B[e["row"], e["col"]] += e["value"]
    s = np.linalg.solve(A, demand_vector(d))
    return float(gwp_factors(d) @ (B @ s))


def distribution_is_consistent(p):
    """False when the central value lies outside the distribution's support: the
    export then gives the distribution in other units than the value (seen for
    inventory.dc-hyperscale.wue: value in m3/kWh, bounds in L/kWh). Such a
    parameter is kept at its central value in the peers' Monte Carlo."""
    dist = p.get("distribution") or {}
    t, v = dist.get("type"), p["value"]
    if t in ("uniform", "triangular", "pert"):
        lo, hi = min(dist["min"], dist["max"]), max(dist["min"], dist["max"])
        return lo - 1e-12 * abs(v) <= v <= hi + 1e-12 * abs(v)
    if t == "lognormal":
        return dist["median"] > 0 and v > 0
    return t in ("normal", "discrete")


_warned = set()


def uncertain_parameters(d):
    """Parameters with a usable distribution, by name."""
    out = {}
    for p in d["parameters"]:
        dist = p.get("distribution") or {}
        if dist.get("type") in (None, "none"):
            continue
        if not distribution_is_consistent(p):
            if p["name"] in _warned:
                continue
            _warned.add(p["name"])
            print(f"warning: parameter {p['name']}: central value {p['value']} outside its distribution "
                  f"{dist}; kept fixed in the peers' Monte Carlo", file=sys.stderr)
            continue
        out[p["name"]] = p
    return out


def sample_parameter(p, u):
    """Inverse-CDF sample of an lca4ai parameter for uniform variates u (numpy array)."""
    from scipy import stats
    dist = p["distribution"]
    t = dist["type"]
    if t == "uniform":
        return dist["min"] + u * (dist["max"] - dist["min"])
    if t in ("triangular", "pert"):  # pert approximated as triangular
        lo, hi, mode = dist["min"], dist["max"], dist["mode"]
        if hi == lo:
            return np.full_like(u, lo)
        return stats.triang.ppf(u, (mode - lo) / (hi - lo), loc=lo, scale=hi - lo)
    if t == "lognormal":
        return dist["median"] * np.exp(math.log(dist["gsd"]) * stats.norm.ppf(u))
    if t == "normal":
        return stats.norm.ppf(u, loc=dist["mean"], scale=dist["sd"])
    if t == "discrete":
        vals, w = np.asarray(dist["values"], float), np.asarray(dist["weights"], float)
        cdf = np.cumsum(w) / w.sum()
        return vals[np.searchsorted(cdf, u, side="right").clip(0, len(vals) - 1)]
    raise ValueError(t)


def safe_name(name):
    s = re.sub(r"\W", "_", name)
    return s if not s[0].isdigit() else "p_" + s


def lca4ai_gwp_total(scenario, lca4ai):
    out = subprocess.run([lca4ai, "run", str(scenario), "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["total"]["indicators"]["gwp"]["value"]
