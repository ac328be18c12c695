"""The current-state map a future-state map's page is drawn against (``cjmap render -f html``
and ``-f md``): the map ``improves`` names, found as ``cjmap lint`` finds it, and the
comparison of the two, handed to the renderers as they read it (cjmap.render.baseline)."""

from typing import TYPE_CHECKING

from cjmap.compare.words import quoted
from cjmap.i18n import _

if TYPE_CHECKING:
    from cjmap.loader import LoadResult
    from cjmap.render.baseline import Baseline


class NoBaseline(Exception):
    """The map ``improves`` names is missing or invalid; the message says which and what to do.
    The page is drawn without the comparison: the future map itself is fine."""


def baseline(future: "LoadResult") -> "Baseline | None":
    """The comparison of a valid future-state map with the map it improves; None when it is no
    future map or improves nothing. Raises NoBaseline, naming the file and line of ``improves``,
    when that map cannot be read as a valid map."""
    from cjmap.format.improves import is_file_name, resolve

    journey = future.journey
    if journey is None or journey.state != "future" or journey.improves is None:
        return None
    written = journey.improves
    path = resolve(written, future.path)
    from cjmap.loader import load

    current = load(path).journey if path is not None else None
    if current is not None:
        from cjmap.compare.states import compare_states
        from cjmap.render.baseline import Baseline

        return Baseline(current.title, str(path), compare_states(current, journey))
    if path is None:
        problem = (_("the map this future state improves, {name}, does not exist")
                   if is_file_name(written) else
                   _("no map with the id {name} is in this map's folder")).format(
                       name=quoted(written))
    else:
        problem = _("the map this future state improves, {name}, is not a valid map").format(
            name=quoted(written)) + "; " + _("run 'cjmap validate {file}' and fix it").format(
                file=path)
    line = future.document.locate(("improves",)).line if future.document else 1
    raise NoBaseline(_("{file}:{line}: warning: {problem}; drawn without the comparison with "
                       "the current state").format(file=future.path, line=line, problem=problem))
