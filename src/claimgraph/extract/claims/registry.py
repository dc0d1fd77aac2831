"""The claim rules' registry: every rule is a small named function with a version, the lexicon keys it
reads and example sentences of its own, so a rule can be audited, switched off and measured.

Switch rules off for a run with CLAIMGRAPH_RULES_OFF="rule_a,rule_b" (read once per process)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

F = TypeVar("F", bound=Callable)


@dataclass
class Rule:
    name: str
    version: int
    reads: tuple[str, ...]  # lexicon files / keys the rule reads
    fn: Callable
    examples: tuple[tuple[str, str], ...] = field(default=())  # (sentence, what the rule yields there)
    enabled: bool = True


RULES: dict[str, Rule] = {}
_OFF = {n.strip() for n in os.environ.get("CLAIMGRAPH_RULES_OFF", "").split(",") if n.strip()}


def rule(name: str, version: int, reads: tuple[str, ...] = (), examples: tuple[tuple[str, str], ...] = ()) -> Callable[[F], F]:
    """Register `fn` as rule `name`; a switched-off rule is replaced by one that finds nothing (returns None)."""

    def wrap(fn: F) -> F:
        r = Rule(name, version, reads, fn, examples, name not in _OFF)
        RULES[name] = r

        def call(*a, **kw):
            return fn(*a, **kw) if r.enabled else None

        call.__name__, call.__doc__, call.rule = fn.__name__, fn.__doc__, r  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return wrap
