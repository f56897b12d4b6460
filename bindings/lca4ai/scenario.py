"""Scenario and Result: thin wrappers over the engine's objects and outputs.

Everything numeric is computed by the C++ engine (``lca4ai._core``); this
module only loads scenarios, forwards options and turns the engine's JSON
(the same text as ``lca4ai run --format json``) into pandas and numpy objects.
"""
from __future__ import annotations

import json
import math
import os
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from . import _core
from ._data import inventory_db
from ._progress import FractionBar, ProgressArg, track
from ._text import set_parameter, to_yaml

#: Indicator keys in the engine's order (columns of :meth:`Result.samples`).
INDICATORS = ("gwp", "water", "adp", "ewaste", "energy", "pe")
#: Statistics columns of :attr:`Result.indicators` (NaN for deterministic runs).
STAT_COLUMNS = ("mean", "sd", "p2_5", "p50", "p97_5")


def _with_cli_summary(e: _core.ScenarioError) -> _core.ScenarioError:
    """Makes str(e) the CLI's standard error: one line per problem, then 'N problems found'."""
    errors = getattr(e, "errors", None)
    if errors is None:
        return e
    n = len(errors)
    lines = str(e).rstrip("\n")
    summary = f"{n} problem{'' if n == 1 else 's'} found"
    if not lines.endswith(summary):
        e.args = ((lines + "\n" if lines else "") + summary,)
    return e


def load(path: str | os.PathLike) -> "Scenario":
    """Loads and checks a scenario file; raises ScenarioError listing every problem.

    >>> s = lca4ai.load("scenarios/llm-lifecycle.yaml")
    """
    path = os.fspath(path)
    try:
        core = _core.load(path, inventory_db())
    except _core.ScenarioError as e:
        raise _with_cli_summary(e) from None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return Scenario(core, _source=(text, path, os.path.dirname(path) or "."))


def loads(text: str, name: str = "<string>", base_dir: str | os.PathLike = ".") -> "Scenario":
    """Loads a scenario from YAML text.

    ``name`` is used in messages and in the result's ``scenario.file``;
    ``base_dir`` is where relative ``inventories:`` paths are looked up.
    """
    base_dir = os.fspath(base_dir)
    try:
        core = _core.loads(text, name, inventory_db(), base_dir)
    except _core.ScenarioError as e:
        raise _with_cli_summary(e) from None
    return Scenario(core, _source=(text, name, base_dir))


class Scenario:
    """A checked scenario. Immutable: what-ifs (:meth:`with_parameters`) return new scenarios.

    Create one with :func:`lca4ai.load`, :func:`lca4ai.loads` or :meth:`Scenario.from_dict`.
    Scenarios can be copied and pickled (the source text is kept and re-loaded),
    and run from several threads at once (the engine releases the GIL).
    """

    def __init__(self, core: _core.Scenario, *, _source: tuple[str, str, str] | None = None,
                 _numeric: Mapping[str, float] | None = None):
        self._core = core
        self._source = _source          # (text, name, base_dir) the scenario was loaded from
        self._numeric = dict(_numeric or {})  # numeric overrides applied on top of the text

    # construction ---------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>",
                  base_dir: str | os.PathLike = ".") -> "Scenario":
        """A scenario from a dict with the structure of the YAML format.

        Values are written as in YAML: quantities as text (``"700 W"``),
        parameters as ``"$pue"``, expressions as ``"= $gpus * 700 W"``.

        >>> lca4ai.Scenario.from_dict({"lca4ai": 1, "name": "tiny", "nodes": {...}})
        """
        return loads(to_yaml(data), name, base_dir)

    # properties ------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The scenario's ``name``."""
        return self._core.name

    @property
    def file(self) -> str:
        """The file (or name given to :func:`loads`) the scenario came from."""
        return self._core.file

    @property
    def checksum(self) -> str:
        """SHA-256 of the scenario text (as in the JSON output)."""
        return self._core.checksum

    @property
    def text(self) -> str | None:
        """The YAML text the scenario was loaded from (before numeric overrides), if known."""
        return self._source[0] if self._source else None

    @property
    def parameters(self) -> pd.DataFrame:
        """Numeric parameters: name, value (central, in the parameter's unit), unit, distribution."""
        return pd.DataFrame(self._core.parameters, columns=["name", "value", "unit", "distribution"])

    @property
    def node_names(self) -> list[str]:
        """Node names in file order."""
        return list(self._core.node_names)

    @property
    def assumptions(self) -> list[str]:
        """Defaults the engine took (also listed in the output)."""
        return list(self._core.assumptions)

    # what-ifs ----------------------------------------------------------------------------
    def with_parameters(self, **values: float | str) -> "Scenario":
        """A copy with parameters replaced.

        Numbers replace a numeric parameter's central value, in the parameter's
        own unit (``pue=1.4``, ``gpu_power=560`` for a parameter in W); its
        distribution is kept. Text replaces the parameter's definition in the
        scenario text, which is then re-loaded: text parameters
        (``region="FR"``, ``gpu="nvidia-b200"``) and quantities with a unit
        (``gpu_power="0.6 kW"``; this drops a distribution). Unknown names raise
        KeyError; invalid values raise ScenarioError.
        """
        texts = {k: v for k, v in values.items() if isinstance(v, str)}
        numbers = {}
        for k, v in values.items():
            if isinstance(v, str):
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
                raise TypeError(f"parameter '{k}': expected a number or a text, got {type(v).__name__}")
            numbers[k] = float(v)
        numeric = {k: v for k, v in self._numeric.items() if k not in texts}
        if texts:
            if self._source is None:
                raise ValueError("this scenario has no source text; text parameters cannot be changed")
            text, name, base_dir = self._source
            for k, v in texts.items():
                text = set_parameter(text, k, v)
            base = loads(text, name, base_dir)
            core, source = base._core, base._source
        else:
            core, source = self._core, self._source
        numeric.update(numbers)
        if texts and numeric:
            core = _core.with_parameters(core, numeric)
        elif numbers:
            core = _core.with_parameters(core, numbers)
        return Scenario(core, _source=source, _numeric=numeric)

    def sweep(self, parameter: str, values: Iterable[float | str], basis: str = "per_fu",
              progress: ProgressArg = False) -> pd.DataFrame:
        """Runs the scenario once per value of one parameter.

        Returns one row per value: the parameter, then each indicator (per
        functional unit with ``basis="per_fu"``, for the whole system with
        ``basis="total"``). ``progress=True`` shows a bar when tqdm is installed.
        """
        values = list(values)
        rows = []
        for v in track(values, len(values), f"sweep {parameter}", progress):
            r = self.with_parameters(**{parameter: v}).run()
            src = r.data["indicators"] if basis == "per_fu" else r.data["total"]["indicators"]
            rows.append({parameter: v, **{k: src[k]["value"] for k in src}})
        return pd.DataFrame(rows)

    # runs ---------------------------------------------------------------------------------
    def run(self, samples: int = 0, seed: int = 1, threads: int = 0, progress: "ProgressArg | str" = "auto") -> "Result":
        """Runs the scenario.

        ``samples=0`` (default): deterministic, every parameter at its central value.
        ``samples=N``: Monte Carlo with N draws from the parameters' distributions
        (reproducible for a given ``seed``; ``threads=0`` uses every core); the
        result then has statistics columns and :meth:`Result.samples`.
        ``progress``: ``"auto"`` shows a bar (tqdm) once a Monte Carlo run lasts a
        second; ``True`` always, ``False`` never, or a callable ``f(done, total, label)``.
        Ctrl-C interrupts a Monte Carlo run (KeyboardInterrupt).
        """
        samples = int(samples)
        if samples < 0:
            raise ValueError("samples must be >= 0")
        if samples:
            bar = FractionBar(progress, f"lca4ai Monte Carlo ({samples:,} samples)")
            try:
                text = _core.run(self._core, "json", samples=samples, seed=seed, threads=threads, progress=bar)
            finally:
                bar.close()
        else:
            for _ in track([0], 1, "lca4ai run", progress if progress != "auto" else False):
                text = self._run_text("json")
        return Result(text, self, samples=samples, seed=seed, threads=threads)

    def _run_text(self, fmt: str, samples: int = 0, seed: int = 1, threads: int = 0) -> str:
        if samples:
            return _core.run(self._core, fmt, samples=samples, seed=seed, threads=threads)
        return _core.run(self._core, fmt)

    def project(self, start: int = 2025, end: int = 2030, samples: int = 0, seed: int = 1,
                threads: int = 0) -> pd.DataFrame:
        """Year-by-year projection (pathways, fleets; see docs/projections.md).

        Returns a DataFrame indexed by ``year`` with, for every indicator, the
        whole-system total of that year (``gwp``, ``energy``, ...) and the
        running sum (``gwp_cumulative``, ...); with ``samples`` > 0 also
        ``gwp_mean``, ``gwp_sd``, ``gwp_p2_5`` … ``gwp_p97_5`` and the same
        for the cumulative series. ``df.attrs`` holds units and options.
        """
        samples = int(samples)
        if samples < 0:
            raise ValueError("samples must be >= 0")
        if int(end) < int(start):
            raise ValueError("end must not be before start")
        data = json.loads(_core.project(self._core, int(start), int(end), samples, int(seed), int(threads)))
        rows = []
        for y in data["years"]:
            row: dict[str, Any] = {"year": y["year"]}
            for basis, suffix in (("indicators", ""), ("cumulative", "_cumulative")):
                for key, v in y[basis].items():
                    row[key + suffix] = v["value"]
                    for stat, x in v.items():
                        if stat not in ("unit", "value"):
                            row[f"{key}{suffix}_{stat}"] = x
            rows.append(row)
        df = pd.DataFrame(rows).set_index("year")
        df.attrs.update({"units": data["units"], **data["projection"]})
        return df

    def sensitivity(self, method: str = "sobol", samples: int = 10_000, indicator: str = "gwp",
                    seed: int = 1) -> pd.DataFrame:
        """Which uncertain parameters drive ``indicator``.

        ``method``: ``"oat"`` (one at a time: columns low, high, swing - the
        indicator at each parameter's low and high bound), ``"morris"``
        (mu, mu_star, sigma, mu_star_conf) or ``"sobol"`` (S1, S1_conf, ST,
        ST_conf: first-order and total indices with 95 % confidence half-widths).
        One row per uncertain input (column ``name``); ``df.attrs`` holds the
        method and indicator.
        """
        if indicator not in INDICATORS:
            raise KeyError(f"unknown indicator '{indicator}' (one of {', '.join(INDICATORS)})")
        data = json.loads(_core.sensitivity(self._core, method, int(samples), indicator, int(seed)))
        df = pd.DataFrame(data.get("inputs", []))
        if "name" not in df.columns:
            df["name"] = pd.Series(dtype=str)
        df.attrs.update({k: v for k, v in data.items() if k != "inputs"})
        return df

    # copying and pickling --------------------------------------------------------------------
    def __copy__(self) -> "Scenario":
        return Scenario(self._core, _source=self._source, _numeric=self._numeric)

    def __deepcopy__(self, memo) -> "Scenario":
        return self.__copy__()  # immutable: sharing the engine object is safe

    def __getstate__(self) -> dict:
        if self._source is None:
            raise TypeError("this Scenario has no source text and cannot be pickled; "
                            "create it with lca4ai.load, loads or Scenario.from_dict")
        text, name, base_dir = self._source
        return {"text": text, "name": name, "base_dir": base_dir, "numeric": self._numeric}

    def __setstate__(self, state: dict) -> None:
        core = _core.loads(state["text"], state["name"], inventory_db(), state["base_dir"])
        if state["numeric"]:
            core = _core.with_parameters(core, state["numeric"])
        self._core = core
        self._source = (state["text"], state["name"], state["base_dir"])
        self._numeric = dict(state["numeric"])

    def __repr__(self) -> str:
        return f"<lca4ai.Scenario {self.name!r}>"


class Result:
    """Indicators of a run, by stage and node, as pandas DataFrames.

    ``data`` is the parsed JSON output (same as ``lca4ai run --format json``).
    """

    def __init__(self, json_text: str, scenario: Scenario, *, samples: int = 0, seed: int = 1, threads: int = 0):
        self._json = json_text
        self.data: dict = json.loads(json_text)
        self.scenario = scenario
        self.n_samples = samples
        self.seed = seed
        self._threads = threads
        self._samples: np.ndarray | None = None

    @property
    def is_monte_carlo(self) -> bool:
        """True for a run with samples."""
        return self.n_samples > 0

    @property
    def functional_unit(self) -> str:
        """The functional unit's label ("1000 requests", "system", ...)."""
        return self.data["functional_unit"]["label"]

    @property
    def indicators(self) -> pd.DataFrame:
        """One row per indicator: indicator, unit, value (per functional unit),
        mean, sd, p2_5, p50, p97_5 (Monte Carlo statistics per functional unit;
        NaN for a deterministic run) and total (whole system)."""
        rows = []
        for key, v in self.data["indicators"].items():
            row = {"indicator": key, "unit": v["unit"], "value": v["value"]}
            for c in STAT_COLUMNS:
                row[c] = float(v[c]) if c in v and v[c] is not None else math.nan
            row["total"] = self.data["total"]["indicators"][key]["value"]
            rows.append(row)
        return pd.DataFrame(rows, columns=["indicator", "unit", "value", *STAT_COLUMNS, "total"])

    def value(self, indicator: str = "gwp", basis: str = "per_fu") -> float:
        """One indicator's deterministic value, per functional unit or total."""
        src = self.data["indicators"] if basis == "per_fu" else self.data["total"]["indicators"]
        return float(src[indicator]["value"])

    def _tidy(self, section: str, basis: str) -> pd.DataFrame:
        if basis not in ("total", "per_fu"):
            raise ValueError("basis is 'total' or 'per_fu'")
        source = self.data if basis == "per_fu" else self.data["total"]
        stats = self.data.get("stats", {}).get(section, {}) if basis == "per_fu" else {}
        rows = []
        for name, values in source[section].items():
            for key, value in values.items():
                if key in ("stage", "type") or not isinstance(value, (int, float)):
                    continue
                row = {section[:-1]: name, "stage": values.get("stage", name), "indicator": key, "value": value}
                st = stats.get(name, {}).get(key)
                if st:
                    row.update({c: st.get(c, math.nan) for c in ("mean", "sd", "p2_5", "p97_5")})
                rows.append(row)
        return pd.DataFrame(rows)

    def by_stage(self, basis: str = "total") -> pd.DataFrame:
        """Tidy rows (stage, indicator, value); basis 'total' or 'per_fu'.

        After a Monte Carlo run, ``basis="per_fu"`` adds mean, sd, p2_5, p97_5."""
        return self._tidy("stages", basis)

    def by_node(self, basis: str = "total") -> pd.DataFrame:
        """Tidy rows (node, stage, indicator, value); basis 'total' or 'per_fu'.

        After a Monte Carlo run, ``basis="per_fu"`` adds mean, sd, p2_5, p97_5."""
        return self._tidy("nodes", basis)

    def samples(self, indicator: str | None = "gwp") -> np.ndarray | pd.DataFrame:
        """The Monte Carlo draws per functional unit: a numpy array for one
        indicator, or a DataFrame with a column per indicator (``indicator=None``).

        Only after ``run(samples=N)``; the draws are those of the run's seed.
        """
        if not self.is_monte_carlo:
            raise ValueError("no samples: this is a deterministic result; use scenario.run(samples=N)")
        if self._samples is None:
            arr = _core.samples(self.scenario._core, self.n_samples, self.seed, self._threads)
            self._samples = np.asarray(arr, dtype=np.float64)
        if indicator is None:
            return pd.DataFrame(self._samples, columns=list(INDICATORS))
        if indicator not in INDICATORS:
            raise KeyError(f"unknown indicator '{indicator}' (one of {', '.join(INDICATORS)})")
        return self._samples[:, INDICATORS.index(indicator)].copy()

    def to_json(self) -> str:
        """Same text as `lca4ai run --format json`."""
        return self._json

    def to_csv(self) -> str:
        """Same text as `lca4ai run --format csv`."""
        return self.scenario._run_text("csv", self.n_samples, self.seed, self._threads)

    def to_text(self) -> str:
        """Same text as `lca4ai run` (the human-readable report)."""
        return self.scenario._run_text("text", self.n_samples, self.seed, self._threads)

    def _repr_html_(self) -> str:
        return f"<p>{self.scenario.name} — per {self.functional_unit}</p>" + self.indicators.to_html(index=False)

    def __repr__(self) -> str:
        gwp = self.data["indicators"]["gwp"]
        return f"<lca4ai.Result gwp={gwp['value']:.4g} {gwp['unit']} per {self.functional_unit}>"
