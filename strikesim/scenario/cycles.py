"""Cycles among formulas that read each other (derived variables), by name.

Derived variables are recomputed every week in dependency order, which only
exists when their formulas do not read each other in a loop. These helpers
find each loop so the loader can say ``cycle between derived variables:
a -> b -> a`` instead of failing somewhere later.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

__all__ = ["dependency_cycles", "format_cycle"]


def dependency_cycles(graph: Mapping[str, Collection[str]]) -> list[list[str]]:
    """Every cycle among formulas that read each other, by name.

    ``graph`` maps a name to the names its formula reads; names that are not
    keys (parameters, state variables) are leaves. One cycle is returned per
    strongly connected group, as the path from its alphabetically first name
    back to it (the first name is not repeated at the end), e.g.
    ``[["a", "b"], ["c"]]`` for ``a -> b -> a`` and ``c -> c``. Sorted.
    """
    cycles = [_cycle_through(group, graph) for group in _strong_groups(graph)]
    return sorted(cycles)


def format_cycle(cycle: list[str]) -> str:
    """``["a", "b"]`` -> ``"a -> b -> a"``."""
    return " -> ".join([*cycle, cycle[0]])


def _strong_groups(graph: Mapping[str, Collection[str]]) -> Iterator[set[str]]:
    """Tarjan's algorithm, iterative; yields groups that contain a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in graph), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    yield group


def _cycle_through(group: set[str], graph: Mapping[str, Collection[str]]) -> list[str]:
    """A shortest path from the group's first name back to itself, inside the group."""
    start = min(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(graph[node]):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                if child in group and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]
