"""lca4ai: life-cycle assessment of AI systems.

The arithmetic lives in the C++ engine (``lca4ai._core``); this package turns
its results into pandas and numpy objects.

>>> import lca4ai
>>> s = lca4ai.load("scenarios/llm-lifecycle.yaml")
>>> r = s.run()
>>> r.indicators
"""
from ._core import CalculationError, ScenarioError, __version__
from . import inventories
from .scenario import Result, Scenario, load, loads

__all__ = ["load", "loads", "Scenario", "Result", "ScenarioError", "CalculationError", "inventories", "__version__"]
