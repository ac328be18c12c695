"""Running a per-file task over many files, in several processes when that pays off."""

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")

# Below this many files, starting workers costs more than it saves.
PARALLEL_FROM = 24


def worker_count(files: int, jobs: int | None = None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, files // PARALLEL_FROM))


def run(task: Callable[[Path], Result], files: Sequence[Path], jobs: int | None = None,
        warm_up: Callable[[], object] | None = None) -> list[Result]:
    """``task`` applied to each file, results in the order of ``files``.

    ``task`` must be a module-level function (workers receive it by name). ``warm_up`` imports
    what the task needs once, before the workers are forked, so that each of them inherits it.
    """
    # The loaders make many small objects and no cycles worth collecting during a run.
    gc.disable()
    workers = worker_count(len(files), jobs)
    if workers == 1 or "-" in map(str, files):
        return [task(path) for path in files]
    if warm_up is not None:
        warm_up()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already imported modules; elsewhere the default start method is used.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    gc.freeze()
    chunk = max(1, len(files) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(task, files, chunksize=chunk))
