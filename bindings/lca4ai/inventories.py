"""The shipped inventory records, with their sources."""
import pandas as pd

from ._data import inventory_db


def list(kind: str = "") -> pd.DataFrame:  # noqa: A001 - mirrors `lca4ai inventories list`
    """One row per record: name, kind, label, year, license."""
    rows = [{k: r[k] for k in ("name", "kind", "label", "year", "license")} for r in inventory_db().records()]
    df = pd.DataFrame(rows)
    return df[df["kind"] == kind].reset_index(drop=True) if kind else df


def show(name: str) -> dict:
    """A record with each value's unit, uncertainty and source."""
    return inventory_db().record(name)
