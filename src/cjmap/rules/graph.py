"""The flow of a journey as a graph: the start leads to the first step, each step to its
successors (``next``, or the following step), and the last ones to the end point."""

from cjmap.rules.base import Context

END = -1  # stands for the end point among a step's successor indexes


def successors(context: Context) -> list[list[int]]:
    """For each step, the indexes of the steps it leads to (``END`` for the end point)."""
    journey = context.journey
    # Ids are unique in a valid map, and 'end' is reserved, so it falls through to END.
    index = {step.id: position for position, step in enumerate(journey.steps)}
    return [[index.get(target, END) for target in journey.successors(position)]
            for position in range(len(journey.steps))]


def reachable(graph: list[list[int]], start: int = 0) -> list[bool]:
    """Whether each step can be reached from step ``start`` (by default from the start point,
    which leads to the first step)."""
    seen = [False] * len(graph)
    stack = [start] if graph else []
    while stack:
        node = stack.pop()
        if seen[node]:
            continue
        seen[node] = True
        stack.extend(target for target in graph[node] if target != END and not seen[target])
    return seen


def reaches_end(graph: list[list[int]]) -> list[bool]:
    """Whether the end point can be reached from each step."""
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


def loops(graph: list[list[int]]) -> list[int]:
    """A component number for each step: two steps share one when each can reach the other, that
    is, when they lie on a common loop (Tarjan's strongly connected components, iteratively)."""
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
