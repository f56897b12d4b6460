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


class FractionBar:
    """Progress of one long engine call, reported as a fraction done.

    ``progress="auto"``: a tqdm bar (notebook or terminal) that appears only once the
    call has lasted a second; ``True``: a bar from the start; a callable ``f(done, total,
    label)``: called with percent done; ``False``/``None``: silent.
    """

    def __init__(self, progress: "ProgressArg | str", label: str):
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._progress = progress
        self._label = label
        self._bar = None

    def __call__(self, fraction: float) -> None:
        done = int(round(100 * fraction))
        if callable(self._progress):
            self._progress(done, 100, self._label)
            return
        if not self._progress:
            return
        if self._bar is None:
            if self._progress == "auto" and self._clock() - self._start < 1.0:
                return
            try:
                from tqdm.auto import tqdm
            except ImportError:  # no tqdm: stay silent
                self._bar = False
                return
            self._bar = tqdm(total=100, desc=self._label, unit="%")
        if self._bar:
            self._bar.n = done
            self._bar.refresh()

    def close(self) -> None:
        if self._bar:
            self._bar.n = 100
            self._bar.close()
