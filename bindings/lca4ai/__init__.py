"""lca4ai: life-cycle assessment of AI systems.

The arithmetic lives in the C++ engine (``lca4ai._core``); this package turns
its results into pandas and numpy objects.

>>> import lca4ai
>>> s = lca4ai.load("scenarios/llm-lifecycle.yaml")
>>> r = s.run()
>>> r.indicators                                   # per functional unit, and total
>>> s.with_parameters(pue=1.4, region="FR").run()  # what-ifs return new scenarios
>>> lca4ai.inventories.show("nvidia-h100-sxm")

Plots are in :mod:`lca4ai.plot` (needs matplotlib: ``pip install lca4ai[plot]``).
"""
from ._core import CalculationError, ScenarioError, __version__
from . import inventories
from .scenario import INDICATORS, Result, Scenario, load, loads

__all__ = ["load", "loads", "Scenario", "Result", "ScenarioError", "CalculationError", "inventories",
           "INDICATORS", "__version__"]
