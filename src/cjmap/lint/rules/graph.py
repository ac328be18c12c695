"""The flow of a journey as a graph: the start leads to the first step, each step to its
successors (``next``, or the following step), and the last ones to the end point.

Three rules read the same flow of the same map one after another; :func:`flow` builds it once
per map, and a map without any ``next`` (most maps: a plain chain) needs no graph search.
"""

from functools import cached_property
from typing import TYPE_CHECKING

from cjmap.lint.rules.base import Context

if TYPE_CHECKING:
    from cjmap.format.model import Journey

END = -1  # stands for the end point among a step's successor indexes


class Flow:
    def __init__(self, journey: "Journey") -> None:
        self.journey = journey
        steps = journey.steps
        # Every step leads to the one after it, and the last to the end.
        self.chain = all(step.next is None for step in steps)
        if not steps:  # a touchpoint audit: no flow at all
            self.successors = []
        elif self.chain:
            self.successors = [[index + 1] for index in range(len(steps) - 1)] + [[END]]
        else:
            # Ids are unique in a valid map, and 'end' is reserved, so it falls through to END.
            index = {step.id: position for position, step in enumerate(steps)}
            self.successors = [[index.get(target, END) for target in journey.successors(position)]
                               for position in range(len(steps))]

    @cached_property
    def reachable(self) -> list[bool]:
        """Whether each step can be reached from the start (which leads to the first step)."""
        if self.chain:
            return [True] * len(self.successors)
        return self.reachable_from(0)

    def reachable_from(self, start: int) -> list[bool]:
        """Whether each step can be reached from step ``start``."""
        graph = self.successors
        seen = [False] * len(graph)
        stack = [start]
        while stack:
            node = stack.pop()
            if seen[node]:
                continue
            seen[node] = True
            stack.extend(target for target in graph[node] if target != END and not seen[target])
        return seen

    @cached_property
    def reaches_end(self) -> list[bool]:
        """Whether the end point can be reached from each step."""
        graph = self.successors
        if self.chain:
            return [True] * len(graph)
        before: list[list[int]] = [[] for _ in graph]
        stack = []
        for node, targets in enumerate(graph):
            for target in targets:
                if target == END:
                    stack.append(node)
                else:
                    before[target].append(node)
        done = [False] * len(graph)
        while stack:
            node = stack.pop()
            if done[node]:
                continue
            done[node] = True
            stack.extend(source for source in before[node] if not done[source])
        return done

    @cached_property
    def loops(self) -> list[int]:
        """A component number for each step: two steps share one when each can reach the other,
        that is, when they lie on a common loop (Tarjan's strongly connected components)."""
        if self.chain:
            return list(range(len(self.successors)))
        return _components(self.successors)


_last: Flow | None = None


def flow(context: Context) -> Flow:
    """The flow of the context's map, built once for all the rules that read it."""
    global _last
    if _last is None or _last.journey is not context.journey:
        _last = Flow(context.journey)
    return _last


def _components(graph: list[list[int]]) -> list[int]:
    """Tarjan's algorithm, iterative so that long journeys cannot exhaust the stack."""
    count = len(graph)
    order = [-1] * count
    low = [0] * count
    component = [-1] * count
    on_stack = [False] * count
    stack: list[int] = []
    counter = components = 0
    for root in range(count):
        if order[root] != -1:
            continue
        work = [(root, 0)]
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, position = work[-1]
            targets = graph[node]
            if position < len(targets):
                work[-1] = (node, position + 1)
                target = targets[position]
                if target == END:
                    continue
                if order[target] == -1:
                    order[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack[target] = True
                    work.append((target, 0))
                elif on_stack[target]:
                    low[node] = min(low[node], order[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component[member] = components
                    if member == node:
                        break
                components += 1
    return component
