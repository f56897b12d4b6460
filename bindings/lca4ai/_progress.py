"""Optional progress reporting for long runs (tqdm when installed, never required).

``progress`` arguments across the package accept:

* ``False`` / ``None`` - silent (the default);
* ``True`` - a tqdm bar if tqdm is installed (``pip install lca4ai[progress]``), else silent;
* a callable ``f(done, total, label)`` - called after each step (for GUIs, logs or tests).
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar, Union

T = TypeVar("T")
ProgressArg = Union[bool, None, Callable[[int, int, str], object]]


def track(items: Iterable[T], total: int, label: str, progress: ProgressArg) -> Iterator[T]:
    """Yields ``items``, reporting each step to ``progress``."""
    if callable(progress):
        for done, item in enumerate(items, 1):
            yield item
            progress(done, total, label)
        return
    if progress:
        try:
            from tqdm.auto import tqdm
        except ImportError:  # tqdm is optional
            tqdm = None
        if tqdm is not None:
            yield from tqdm(items, total=total, desc=label)
            return
    yield from items
