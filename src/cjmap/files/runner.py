"""Running a per-file task over many files, in several processes when that pays off.

A task that fails on one file with an unexpected error does not stop the run: that file's
result says so (:func:`crash_report`), and every other file is still checked, so that a CI
job still gets its whole report (and exits 2, since cjmap has a bug).
"""

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from cjmap.diagnostics import FILE_START, Diagnostic, FileReport, display_path
from cjmap.i18n import _
from cjmap.parse.source import STDIN_NAME

Result = TypeVar("Result")

INTERNAL_ERROR = "internal-error"

# Below this many files, starting workers costs more than it saves.
PARALLEL_FROM = 24


def worker_count(files: int, jobs: int | None = None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, files // PARALLEL_FROM))


def crash_report(path: Path, error: Exception) -> FileReport:
    """The report of a file on which cjmap failed: a finding that names the error."""
    name = STDIN_NAME if str(path) == "-" else display_path(path)
    return FileReport(name, (Diagnostic(
        name, FILE_START, INTERNAL_ERROR,
        _("cjmap failed on this file: {error}").format(error=f"{type(error).__name__}: {error}"),
        hint=_("this is a bug in cjmap: please report it with the file (CJMAP_DEBUG=1 shows "
               "the traceback)")),), unreadable=True)


def _guarded(task: Callable[[Path], Result], failed: Callable[[Path, Exception], Result],
             path: Path) -> Result:
    try:
        return task(path)
    except Exception as error:
        if os.environ.get("CJMAP_DEBUG"):
            import traceback

            traceback.print_exc()
        return failed(path, error)


def run(task: Callable[[Path], Result], files: Sequence[Path], jobs: int | None = None,
        warm_up: Callable[[], object] | None = None, *,
        failed: Callable[[Path, Exception], Result],
        each: Callable[[Result], Result] | None = None) -> list[Result]:
    """``task`` applied to each file, results in the order of ``files``; ``failed`` makes the
    result of a file on which ``task`` raised (usually from :func:`crash_report`). ``each``
    sees every result as it comes in, in order (to show progress, or to write it out while the
    workers go on); what it returns is kept instead.

    ``task`` and ``failed`` must be module-level functions (workers receive them by name).
    ``warm_up`` imports what the task needs once, before the workers are forked, so that each
    of them inherits it.
    """
    # The loaders make many small objects and no cycles worth collecting during a run.
    gc.disable()
    guarded = partial(_guarded, task, failed)
    workers = worker_count(len(files), jobs)
    if workers == 1 or "-" in map(str, files):
        return _each(map(guarded, files), each)
    if warm_up is not None:
        warm_up()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already imported modules; elsewhere the default start method is used.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    gc.freeze()
    chunk = max(1, len(files) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return _each(pool.map(guarded, files, chunksize=chunk), each)


def _each(results: Iterator[Result], each: Callable[[Result], Result] | None
          ) -> list[Result]:
    return list(results if each is None else map(each, results))


# The makers :func:`made_apart` shares out: a forked process takes its maker from here by
# index, so that only results cross back, never the makers nor the data they read.
_MAKERS: list[Callable[[], Any]] = []


def made_apart(makers: Sequence[Callable[[], Result]], workers: int) -> list[Result]:
    """What each of ``makers`` makes, in their order, in ``workers`` forked processes (first
    come first served) when there are several and the platform forks, else in this one.

    For work on data this process holds, such as pages from every map: a forked process reads
    it where it lies, and sends back only what it made.
    """
    if workers < 2 or len(makers) < 2 or sys.platform != "linux":
        return [make() for make in makers]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _MAKERS[:] = makers
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(makers)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_make, range(len(makers))))
    finally:
        _MAKERS.clear()


def _make(index: int) -> Any:
    return _MAKERS[index]()
