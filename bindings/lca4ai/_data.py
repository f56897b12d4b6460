"""Where the shipped inventories are: installed under <prefix>/share/lca4ai, or the source tree."""
import functools
import os
import pathlib
import sys

from . import _core


@functools.lru_cache(maxsize=None)
def inventory_db():
    """The shipped inventories, loaded once per process."""
    return _core.load_inventories(inventory_dir())


def inventory_dir() -> str:
    if os.environ.get("LCA4AI_DATA"):
        return os.environ["LCA4AI_DATA"]
    installed = pathlib.Path(sys.prefix) / "share" / "lca4ai" / "inventories"
    if installed.is_dir():
        return str(installed)
    return _core.default_inventory_dir()
