"""Small text helpers that keep the package free of a YAML dependency.

* :func:`to_yaml` turns a dict of scalars, lists and dicts into scenario text.
  It writes JSON (indented), which is valid YAML 1.2 flow style and which the
  engine's YAML reader accepts; line numbers in error messages then point to
  the JSON lines.
* :func:`set_parameter` replaces one entry of the top-level ``parameters``
  mapping of a scenario text, so that text parameters (``region: FR``) can be
  changed without the engine's help. It understands block mappings
  (``parameters:`` followed by indented entries) and one-line flow mappings
  (``parameters: {region: FR, pue: 1.1}``), which is how scenarios are written.
"""
from __future__ import annotations

import difflib
import json
import re
from typing import Any, Mapping

_TOP_PARAMS = re.compile(r"^parameters\s*:(.*)$")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*( [A-Za-z0-9_.\-/%]+)*$")


def to_yaml(data: Mapping[str, Any]) -> str:
    """Scenario text for a dict (JSON, which YAML 1.2 reads as flow style)."""
    if not isinstance(data, Mapping):
        raise TypeError(f"a scenario is a mapping, not {type(data).__name__}")
    return json.dumps(_plain(data), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    """Converts numpy scalars, tuples and other mappings into JSON-able objects."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} into a scenario: {value!r}")


def scalar(value: str) -> str:
    """A YAML scalar for a text value: plain when safe, else double-quoted."""
    return value if _PLAIN.match(value) and value not in ("true", "false", "null", "yes", "no") else json.dumps(value)


def _strip_comment(s: str) -> str:
    """Removes a trailing ``# comment`` (outside quotes)."""
    quote = None
    for i, c in enumerate(s):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or s[i - 1] in " \t"):
            return s[:i].rstrip()
    return s.rstrip()


def parameter_names(text: str) -> list[str]:
    """Names of the top-level parameters of a scenario text (as far as :func:`set_parameter` sees them)."""
    names: list[str] = []
    _scan(text, lambda name, *_: names.append(name) or False)
    return names


def set_parameter(text: str, name: str, value: str) -> str:
    """The text with parameter ``name`` defined as the scalar ``value``.

    Raises KeyError (with a did-you-mean hint) when the scenario has no such
    parameter, ValueError when the parameters block is written in a form this
    helper does not understand.
    """
    new = scalar(value)
    out: dict[str, str] = {}

    def replace(pname, lines, first, last, span):
        if pname != name:
            return False
        if span is None:  # block entry: lines[first..last] hold it
            indent = re.match(r"^(\s*)", lines[first]).group(1)
            lines[first:last + 1] = [f"{indent}{name}: {new}"]
        else:  # flow entry: span in line `first`
            a, b = span
            lines[first] = lines[first][:a] + f"{name}: {new}" + lines[first][b:]
        out["text"] = "\n".join(lines)
        return True

    _scan(text, replace)
    if "text" not in out:
        names = parameter_names(text)
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise KeyError(f"no parameter '{name}' in the scenario's parameters{hint}")
    return out["text"] + ("\n" if text.endswith("\n") and not out["text"].endswith("\n") else "")


def _scan(text: str, visit) -> None:
    """Calls visit(name, lines, first, last, span) for each parameter; stops when it returns True."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _TOP_PARAMS.match(line)
        if not m:
            continue
        rest = _strip_comment(m.group(1)).strip()
        if rest.startswith("{"):
            _scan_flow(lines, i, line.index("{", m.start(1)), visit)
            return
        if rest:
            raise ValueError("cannot read the scenario's `parameters` (neither a block nor a one-line flow mapping)")
        # block mapping: the entries are the following lines indented more than 0
        entries: list[tuple[str, int]] = []
        child_indent = None
        j = i + 1
        while j < len(lines):
            raw = lines[j]
            body = _strip_comment(raw)
            if body.strip() == "":
                j += 1
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            if indent == 0:
                break
            if child_indent is None:
                child_indent = indent
            if indent == child_indent:
                km = re.match(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", raw)
                if km:
                    entries.append((km.group(1), j))
            j += 1
        end = j  # first line after the block
        for k, (pname, first) in enumerate(entries):
            last = (entries[k + 1][1] if k + 1 < len(entries) else end) - 1
            while last > first and _strip_comment(lines[last]).strip() == "":
                last -= 1
            if visit(pname, lines, first, last, None):
                return
        return


def _scan_flow(lines: list[str], row: int, start: int, visit) -> None:
    """Entries of a one-line flow mapping starting at lines[row][start] == '{'."""
    s = lines[row]
    depth = 0
    quote = None
    entry_start = start + 1
    for i in range(start, len(s)):
        c = s[i]
        if quote:
            if c == quote:
                quote = None
            continue
        if c in "'\"":
            quote = c
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                _flow_entry(lines, row, entry_start, i, visit)
                return
        elif c == "," and depth == 1:
            if _flow_entry(lines, row, entry_start, i, visit):
                return
            entry_start = i + 1
    raise ValueError("the scenario's `parameters` flow mapping must be on one line to be changed from Python")


def _flow_entry(lines, row, a, b, visit) -> bool:
    segment = lines[row][a:b]
    m = re.match(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:", segment)
    if not m:
        return False
    lead = len(m.group(1))
    trail = len(segment) - len(segment.rstrip())
    return visit(m.group(2), lines, row, row, (a + lead, b - trail))
