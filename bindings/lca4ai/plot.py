"""Plots of results (matplotlib; install with ``pip install lca4ai[plot]``).

Every function draws on ``ax`` (a new figure when omitted) and returns the
matplotlib Axes, so plots can be combined and styled further.

>>> from lca4ai import plot
>>> plot.by_stage(result, "gwp")
>>> plot.tornado(scenario.sensitivity(method="oat"), base=result.value("gwp"))
>>> plot.histogram(mc_result, "gwp")
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np
import pandas as pd

try:
    import matplotlib.pyplot as plt
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("lca4ai.plot needs matplotlib: pip install 'lca4ai[plot]'") from e

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .scenario import Result

__all__ = ["by_stage", "by_node", "contributions", "tornado", "histogram", "fan"]


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    return ax


def _unit(result: "Result", indicator: str) -> str:
    return result.data["indicators"][indicator]["unit"]


def contributions(result: "Result", indicator: str = "gwp", by: str = "stage", basis: str = "per_fu",
                  ax: "Axes | None" = None, drop_zero: bool = True) -> "Axes":
    """Horizontal bars of one indicator by stage or by node.

    ``basis="per_fu"`` (per functional unit) or ``"total"`` (whole system).
    After a Monte Carlo run with per-functional-unit statistics, error bars
    show the 95 % interval.
    """
    if by not in ("stage", "node"):
        raise ValueError("by is 'stage' or 'node'")
    df = result.by_stage(basis) if by == "stage" else result.by_node(basis)
    df = df[df["indicator"] == indicator]
    if drop_zero:
        df = df[df["value"] != 0]
    ax = _axes(ax)
    labels = df[by].tolist()
    values = df["value"].to_numpy(dtype=float)
    xerr = None
    if {"p2_5", "p97_5"} <= set(df.columns) and df["p2_5"].notna().all():
        xerr = np.vstack([np.maximum(values - df["p2_5"].to_numpy(float), 0),
                          np.maximum(df["p97_5"].to_numpy(float) - values, 0)])
    y = np.arange(len(labels))
    ax.barh(y, values, xerr=xerr, color="#4C72B0", capsize=3 if xerr is not None else 0)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    per = f" per {result.functional_unit}" if basis == "per_fu" else " (total)"
    ax.set_xlabel(f"{indicator} [{_unit(result, indicator)}]{per}")
    ax.set_title(f"{indicator} by {by}")
    ax.axvline(0, color="black", linewidth=0.8)
    return ax


def by_stage(result: "Result", indicator: str = "gwp", basis: str = "per_fu", ax: "Axes | None" = None) -> "Axes":
    """Contribution of each life-cycle stage to ``indicator`` (bars)."""
    return contributions(result, indicator, "stage", basis, ax)


def by_node(result: "Result", indicator: str = "gwp", basis: str = "per_fu", ax: "Axes | None" = None) -> "Axes":
    """Contribution of each node to ``indicator`` (bars)."""
    return contributions(result, indicator, "node", basis, ax)


def tornado(sensitivity: pd.DataFrame, base: float | None = None, ax: "Axes | None" = None,
            top: int | None = 15, unit: str = "") -> "Axes":
    """Tornado chart from one-at-a-time sensitivity (``Scenario.sensitivity(method="oat")``).

    Each input is a bar from the indicator at its low bound to the indicator
    at its high bound, widest on top. ``base`` (the deterministic value) draws
    the axis the bars swing around.
    """
    need = {"name", "low", "high"}
    if not need <= set(sensitivity.columns):
        raise ValueError(f"tornado needs columns {sorted(need)} (method='oat'); got {list(sensitivity.columns)}")
    df = sensitivity.copy()
    df["swing"] = (df["high"] - df["low"]).abs()
    df = df.sort_values("swing", ascending=False)
    if top:
        df = df.head(top)
    ax = _axes(ax)
    y = np.arange(len(df))
    lo = np.minimum(df["low"], df["high"]).to_numpy(float)
    hi = np.maximum(df["low"], df["high"]).to_numpy(float)
    ref = base if base is not None else float(np.median((lo + hi) / 2)) if len(df) else 0.0
    ax.barh(y, hi - ref, left=ref, color="#C44E52", label="above")
    ax.barh(y, lo - ref, left=ref, color="#4C72B0", label="below")
    ax.set_yticks(y, df["name"].tolist())
    ax.invert_yaxis()
    if base is not None:
        ax.axvline(base, color="black", linewidth=0.8)
    indicator = sensitivity.attrs.get("indicator", "indicator")
    ax.set_xlabel(f"{indicator}{f' [{unit}]' if unit else ''}")
    ax.set_title(f"One-at-a-time sensitivity of {indicator}")
    return ax


def histogram(data: "Result | Sequence[float] | np.ndarray", indicator: str = "gwp", bins: int = 60,
              ax: "Axes | None" = None) -> "Axes":
    """Histogram of Monte Carlo draws with the 95 % interval (2.5th and 97.5th percentiles) and the median.

    ``data`` is a Monte Carlo Result (its :meth:`~lca4ai.Result.samples` for
    ``indicator``) or an array of draws.
    """
    unit = ""
    if hasattr(data, "samples") and hasattr(data, "data"):
        unit = _unit(data, indicator)
        label = f"{indicator} [{unit}] per {data.functional_unit}"
        values = np.asarray(data.samples(indicator), dtype=float)
    else:
        label = indicator
        values = np.asarray(data, dtype=float)
    if values.size == 0:
        raise ValueError("no draws to plot")
    lo, med, hi = np.percentile(values, [2.5, 50, 97.5])
    ax = _axes(ax)
    ax.hist(values, bins=bins, color="#8C8C8C", alpha=0.8)
    ax.axvspan(lo, hi, color="#4C72B0", alpha=0.12, label=f"95 % interval [{lo:.4g}, {hi:.4g}]")
    for x in (lo, hi):
        ax.axvline(x, color="#4C72B0", linestyle="--", linewidth=1)
    ax.axvline(med, color="black", linewidth=1, label=f"median {med:.4g}")
    ax.set_xlabel(label)
    ax.set_ylabel("draws")
    ax.legend(loc="upper right", fontsize="small")
    return ax


def fan(projection: pd.DataFrame, indicator: str = "gwp", cumulative: bool = False,
        ax: "Axes | None" = None) -> "Axes":
    """Fan chart of a projection (:meth:`Scenario.project`): the central value by year,
    with the 50 % (p25-p75) and 95 % (p2.5-p97.5) bands when it was sampled."""
    ax = _axes(ax)
    key = indicator + ("_cumulative" if cumulative else "")
    if key not in projection.columns:
        raise KeyError(f"no column '{key}' in the projection")
    years = projection.index.to_numpy()
    for lo, hi, alpha in (("p2_5", "p97_5", 0.2), ("p25", "p75", 0.35)):
        if f"{key}_{lo}" in projection.columns:
            ax.fill_between(years, projection[f"{key}_{lo}"], projection[f"{key}_{hi}"], alpha=alpha, color="C0",
                            linewidth=0, label=f"{lo.replace('_', '.')}–{hi.replace('_', '.')}")
    ax.plot(years, projection[key], color="C0", marker="o", label="central value")
    unit = projection.attrs.get("units", {}).get(indicator, "")
    ax.set_xlabel("year")
    ax.set_ylabel(f"{key} [{unit}]" if unit else key)
    ax.legend(loc="upper left", frameon=False)
    return ax
