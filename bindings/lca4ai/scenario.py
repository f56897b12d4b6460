"""Scenario and Result: thin wrappers over the engine's objects and outputs."""
from __future__ import annotations

import json
import os

import pandas as pd

from . import _core
from ._data import inventory_db


def load(path: str | os.PathLike) -> "Scenario":
    """Loads and checks a scenario file; raises ScenarioError listing every problem."""
    return Scenario(_core.load(os.fspath(path), inventory_db()))


def loads(text: str, name: str = "<string>", base_dir: str = ".") -> "Scenario":
    """Loads a scenario from YAML text."""
    return Scenario(_core.loads(text, name, inventory_db(), base_dir))


class Scenario:
    """A checked scenario. Immutable: what-ifs return new scenarios."""

    def __init__(self, core: _core.Scenario):
        self._core = core

    @property
    def name(self) -> str:
        return self._core.name

    @property
    def parameters(self) -> pd.DataFrame:
        return pd.DataFrame(self._core.parameters)

    @property
    def assumptions(self) -> list[str]:
        return list(self._core.assumptions)

    def with_parameters(self, **values: float) -> "Scenario":
        """A copy with parameters' central values replaced (in each parameter's own unit)."""
        return Scenario(_core.with_parameters(self._core, values))

    def run(self) -> "Result":
        """Deterministic result (every parameter at its central value)."""
        return Result(_core.run(self._core, "json"), self)

    def __repr__(self) -> str:
        return f"<lca4ai.Scenario {self.name!r}>"


class Result:
    """Indicators of a run, by stage and node, as pandas DataFrames."""

    def __init__(self, json_text: str, scenario: Scenario):
        self._json = json_text
        self.data = json.loads(json_text)
        self.scenario = scenario

    @property
    def indicators(self) -> pd.DataFrame:
        """indicator, unit, value (per functional unit) and total."""
        rows = []
        for key, v in self.data["indicators"].items():
            rows.append({"indicator": key, "unit": v["unit"], "value": v["value"],
                         "total": self.data["total"]["indicators"][key]["value"]})
        return pd.DataFrame(rows)

    def _tidy(self, section: str, basis: str) -> pd.DataFrame:
        source = self.data if basis == "per_fu" else self.data["total"]
        rows = []
        for name, values in source[section].items():
            for key, value in values.items():
                if key in ("stage", "type"):
                    continue
                rows.append({section[:-1]: name, "stage": values.get("stage", name), "indicator": key, "value": value})
        return pd.DataFrame(rows)

    def by_stage(self, basis: str = "total") -> pd.DataFrame:
        """Tidy rows (stage, indicator, value); basis 'total' or 'per_fu'."""
        return self._tidy("stages", basis)

    def by_node(self, basis: str = "total") -> pd.DataFrame:
        """Tidy rows (node, stage, indicator, value); basis 'total' or 'per_fu'."""
        return self._tidy("nodes", basis)

    def to_json(self) -> str:
        """Same text as `lca4ai run --format json`."""
        return _core.run(self.scenario._core, "json")

    def to_csv(self) -> str:
        """Same text as `lca4ai run --format csv`."""
        return _core.run(self.scenario._core, "csv")

    def __repr__(self) -> str:
        gwp = self.data["indicators"]["gwp"]
        return f"<lca4ai.Result gwp={gwp['value']:.4g} {gwp['unit']} per {self.data['functional_unit']['label']}>"
