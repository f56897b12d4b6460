"""Type stubs for the C++ extension ``lca4ai._core`` (pybind11).

``samples`` and ``sensitivity`` and the ``samples``/``seed``/``threads``
arguments of ``run`` exist only in engines with Monte Carlo support; the
Python package checks with ``hasattr(_core, "samples")`` before using them.
"""
from typing import Any, Callable, TypedDict

import numpy as np
import numpy.typing as npt

__version__: str

class ErrorDict(TypedDict):
    file: str
    line: int
    column: int
    key_path: str
    message: str
    text: str

class ScenarioError(ValueError):
    """Every problem of a scenario; ``errors`` has one dict per problem."""
    errors: list[ErrorDict]

class CalculationError(RuntimeError):
    """The scenario loaded but cannot be computed (e.g. a singular technosphere matrix)."""

class InventoryDb:
    """Shipped and user inventory records."""
    def names(self, kind: str = "") -> list[str]: ...
    def record(self, name: str) -> dict[str, Any]: ...
    def records(self) -> list[dict[str, Any]]: ...

class Scenario:
    """A loaded, checked scenario (immutable)."""
    @property
    def name(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def checksum(self) -> str: ...
    @property
    def assumptions(self) -> list[str]: ...
    @property
    def parameters(self) -> list[dict[str, Any]]: ...
    @property
    def node_names(self) -> list[str]: ...

def load_inventories(directory: str) -> InventoryDb: ...
def default_inventory_dir() -> str: ...
def load(path: str, inventories: InventoryDb) -> Scenario: ...
def loads(text: str, name: str, inventories: InventoryDb, base_dir: str = ".") -> Scenario: ...
def with_parameters(scenario: Scenario, values: dict[str, float]) -> Scenario: ...
def run(scenario: Scenario, format: str = "json", samples: int = 0, seed: int = 1, threads: int = 0,
        progress: Callable[[float], object] | None = None) -> str:
    """The CLI's output (text, json or csv); with samples > 0, Monte Carlo statistics are added."""
def samples(scenario: Scenario, samples: int, seed: int = 1, threads: int = 0) -> npt.NDArray[np.float64]:
    """Draws per functional unit, shape (samples, 6): gwp, water, adp, ewaste, energy, pe."""
def project(scenario: Scenario, start: int, end: int, samples: int = 0, seed: int = 1, threads: int = 0) -> str: ...
def sensitivity(scenario: Scenario, method: str, samples: int, indicator: str = "gwp", seed: int = 1) -> str:
    """JSON text: {"method", "indicator", "inputs": [{"name", ...}]}."""
