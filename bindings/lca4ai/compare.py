"""lca4ai's per-request result beside another tool's estimate, with the reasons they differ.

>>> import lca4ai, lca4ai.compare
>>> r = lca4ai.load("scenarios/llm-lifecycle.yaml").run()
>>> c = lca4ai.compare.ecologits(r, provider="openai", model="gpt-4o-mini", output_tokens=400)
>>> c.table            # energy and GWP per request, side by side
>>> print(c.explain()) # boundary, embodied share, grid

EcoLogits (https://ecologits.ai, ``pip install ecologits``) is an optional peer:
nothing here imports it until :func:`ecologits` is called. The arithmetic is
the engine's and EcoLogits' own; this module only reads both results and lines
them up (docs/measurements.md, "Comparing with EcoLogits").
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

__all__ = ["Comparison", "ecologits", "lca4ai_figures"]

_EMBODIED_STAGES = ("hardware_fabrication", "datacentre_construction", "end_of_life")


@dataclass(frozen=True)
class Comparison:
    """Per-request figures of lca4ai and of another tool, and why they differ."""

    service: str
    other: str
    lca4ai: dict[str, float]   #: energy [kWh], gwp [kg CO2e], embodied_share, grid [kg CO2e/kWh], boundary levels [kWh]
    estimate: dict[str, Any]   #: the other tool's figures (min/max where it gives a range)
    reasons: list[str] = field(default_factory=list)

    @property
    def table(self):
        """A pandas DataFrame: quantity × (lca4ai, <other>, ratio)."""
        import pandas as pd

        rows = []
        for key, unit in (("energy", "kWh"), ("gwp", "kg CO2e"), ("embodied_share", "1"), ("grid", "kg CO2e/kWh")):
            mine, theirs = self.lca4ai.get(key), self.estimate.get(key)
            ratio = mine / theirs if isinstance(mine, float) and isinstance(theirs, float) and theirs else None
            rows.append({"quantity": key, "unit": unit, "lca4ai": mine, self.other: theirs, "ratio": ratio})
        return pd.DataFrame(rows).set_index("quantity")

    def explain(self) -> str:
        head = f"{self.service}: lca4ai vs {self.other}, per request"
        return "\n".join([head] + [f"- {r}" for r in self.reasons])


def _result_json(result: Any) -> Mapping[str, Any]:
    if isinstance(result, Mapping):
        return result
    if isinstance(result, str):
        return json.loads(result)
    if hasattr(result, "to_json"):
        return json.loads(result.to_json())
    raise TypeError("expected an lca4ai Result, its JSON text or the parsed JSON")


def lca4ai_figures(result: Any, service: str | None = None) -> tuple[str, dict[str, float]]:
    """Per-request energy, GWP, embodied share, implied grid factor and boundary levels of a service."""
    j = _result_json(result)
    services = j.get("services", {})
    if not services:
        raise ValueError("the result has no inference service (no per-request figures)")
    if service is None:
        if len(services) > 1:
            raise ValueError(f"the result has several services; choose one of {sorted(services)}")
        service = next(iter(services))
    if service not in services:
        raise ValueError(f"no service '{service}'; the result has {sorted(services)}")
    per = services[service]["per_request"]
    activity = j["activities"][service]
    total_gwp = activity["total"]["gwp"]
    embodied = sum(activity["stages"][s]["gwp"] for s in _EMBODIED_STAGES)
    operational_gwp = total_gwp - embodied
    energy_total = activity["total"]["energy"]
    out = {
        "energy": per["energy"],
        "gwp": per["gwp"],
        "embodied_share": embodied / total_gwp if total_gwp else 0.0,
        "grid": operational_gwp / energy_total if energy_total else 0.0,
    }
    levels = j.get("boundaries", {}).get(service, {})
    for name, value in levels.get("per_request", {}).items():
        out[f"energy_{name}"] = value
    out["boundary"] = levels.get("reported", "facility")
    return service, out


def _value(v: Any) -> Any:
    """EcoLogits gives floats or ranges (min, max): a float, or a (min, max) tuple's mean with the range kept."""
    v = getattr(v, "value", v)
    if hasattr(v, "min") and hasattr(v, "max"):
        return {"min": float(v.min), "max": float(v.max), "mid": (float(v.min) + float(v.max)) / 2}
    return float(v)


def _mid(v: Any) -> float | None:
    if isinstance(v, dict):
        return v["mid"]
    return v


def compare_figures(service: str, mine: dict[str, Any], theirs: dict[str, Any], other: str = "ecologits") -> Comparison:
    """Lines up two sets of per-request figures and states the reasons for their differences."""
    reasons = []
    e_mine, e_theirs = mine["energy"], _mid(theirs.get("energy"))
    if e_theirs:
        reasons.append(f"energy: lca4ai {e_mine * 1e3:.4g} Wh vs {other} {e_theirs * 1e3:.4g} Wh "
                       f"(× {e_mine / e_theirs:.3g})")
    levels = [k for k in ("energy_accelerator", "energy_host", "energy_idle", "energy_facility") if k in mine]
    if levels:
        shown = ", ".join(f"{k.removeprefix('energy_')} {mine[k] * 1e3:.4g} Wh" for k in levels)
        reasons.append(f"boundary: lca4ai counts the '{mine['boundary']}' level ({shown}); {other} estimates "
                       "GPU energy from model size and tokens, adds a share of the server and multiplies by the "
                       "provider's PUE, i.e. roughly the 'facility' level without idle capacity")
    if e_theirs and levels:
        nearest = min(levels, key=lambda k: abs(mine[k] - e_theirs))
        reasons.append(f"{other}'s energy is closest to lca4ai's '{nearest.removeprefix('energy_')}' level")
    emb_theirs = _mid(theirs.get("embodied_share"))
    reasons.append(f"embodied share of GWP: lca4ai {mine['embodied_share']:.1%} (hardware, building, end of life, "
                   f"by time-based allocation)" + (f" vs {other} {emb_theirs:.1%} (GPU and server fabrication "
                                                  "by usage time)" if emb_theirs is not None else ""))
    grid_theirs = _mid(theirs.get("grid"))
    reasons.append(f"grid: lca4ai {mine['grid'] * 1e3:.4g} g CO2e/kWh of facility electricity (incl. its supply "
                   "chain)" + (f" vs {other} {grid_theirs * 1e3:.4g} g CO2e/kWh for the zone it was given"
                               if grid_theirs is not None else ""))
    return Comparison(service=service, other=other, lca4ai=mine, estimate=theirs, reasons=reasons)


def ecologits(result: Any, *, provider: str, model: str, output_tokens: float, request_latency: float = 10.0,
              electricity_mix_zone: str | None = None, service: str | None = None) -> Comparison:
    """lca4ai's per-request result for `service` beside EcoLogits' estimate for `provider`/`model`.

    Needs the optional ``ecologits`` package. `request_latency` [s] bounds EcoLogits' energy
    estimate; `electricity_mix_zone` (ISO 3166-1 alpha-3, e.g. ``"FRA"``) defaults to EcoLogits'
    own (``"WOR"``, world)."""
    try:
        from ecologits.tracers.utils import llm_impacts
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("lca4ai.compare.ecologits needs the optional 'ecologits' package: pip install ecologits") from e
    name, mine = lca4ai_figures(result, service)
    kwargs = dict(provider=provider, model_name=model, output_token_count=int(output_tokens),
                  request_latency=float(request_latency))
    if electricity_mix_zone:
        kwargs["electricity_mix_zone"] = electricity_mix_zone
    impacts = llm_impacts(**kwargs)
    if impacts is None:
        raise ValueError(f"EcoLogits does not know model '{model}' of provider '{provider}'")
    theirs: dict[str, Any] = {"energy": _value(impacts.energy), "gwp": _value(impacts.gwp)}
    usage, embodied = getattr(impacts, "usage", None), getattr(impacts, "embodied", None)
    if usage is not None and embodied is not None:
        gwp_mid, emb_mid = _mid(theirs["gwp"]), _mid(_value(embodied.gwp))
        if gwp_mid:
            theirs["embodied_share"] = emb_mid / gwp_mid
        use_energy, use_gwp = _mid(_value(usage.energy)), _mid(_value(usage.gwp))
        if use_energy:
            theirs["grid"] = use_gwp / use_energy
    return compare_figures(name, mine, theirs, "ecologits")
