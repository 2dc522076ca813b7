"""Cycles among formulas that read each other (derived variables), by name.

Derived variables are recomputed every week in dependency order, which only
exists when their formulas do not read each other in a loop. These helpers
find each loop so the loader can say ``cycle between derived variables:
a -> b -> a`` instead of failing somewhere later.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

__all__ = ["MAX_CHAIN_DEPTH", "chain_depth", "dependency_cycles", "format_cycle"]

MAX_CHAIN_DEPTH = 100
"""Longest chain of derived variables reading each other that a scenario may have
(the engine orders them recursively; a deeper chain would exhaust the stack)."""


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


def chain_depth(graph: Mapping[str, Collection[str]]) -> tuple[int, str]:
    """The longest chain ``a reads b reads c …`` among the keys of an acyclic ``graph``
    (1 for a name reading no other key) and the name it starts from; ``(0, "")`` if empty.

    Iterative (no recursion), linear in the size of the graph; names in a cycle
    are not counted (cycles are reported by :func:`dependency_cycles`).
    """
    readers: dict[str, list[str]] = {name: [] for name in graph}
    waiting = {name: 0 for name in graph}
    for name, deps in graph.items():
        for dep in set(deps):
            if dep in graph and dep != name:
                readers[dep].append(name)
                waiting[name] += 1
    depth = dict.fromkeys(graph, 1)
    ready = [name for name, n in waiting.items() if n == 0]
    while ready:
        name = ready.pop()
        for reader in readers[name]:
            depth[reader] = max(depth[reader], depth[name] + 1)
            waiting[reader] -= 1
            if waiting[reader] == 0:
                ready.append(reader)
    if not depth:
        return 0, ""
    deepest = max(sorted(depth), key=lambda n: depth[n])
    return depth[deepest], deepest
