"""OpenJourney Format files (``.ojf``, JSON), as Ptolemy writes them (OJF_SPEC.md of
andywestley/ptolemy-journey-mapper, and the files its editor exports).

An OJF journey is a grid: ``stages`` are its columns, ``swimlanes`` its rows, and each node
sits in one cell (``stageId``, ``swimlaneId``). A map is a list of steps, each with its
touchpoints, pain points, emotion… So the lanes are read by their names: the lane of what the
customer does ("Customer Actions", "User Activity", "Patient Journey"…) gives the steps, the
others what each step holds (touchpoints, pain points, the emotional state, thoughts,
opportunities, needs); ``--column NAME=FIELD`` names a lane cjmap does not recognise. A node
of another lane belongs to the step of its stage that comes before it in the file (else the
stage's first step); a stage with nodes but no step gets a step named after the stage, marked
``evidence: assumed``.

Scores run −5..+5, emotions −2..+2: −5 and −4 are −2, −3 and −2 are −1, −1..+1 are 0, and so
on (the score times 0.4, rounded). A node's blueprint becomes the step's service blueprint:
``onstage`` its ``frontstage``, ``backstage`` and ``support`` the same layers, and
``evidence`` (the physical or digital props the customer sees) its touchpoints. The root's
``version`` and what nodes hold that a map has no place for (icons, colours, tags, ids) are
named on standard error, and kept under ``x-import`` where an object of the map can hold them.
"""

import json
import math
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from cjmap.author.importers.base import Imported, ImportOptions, SourceError
from cjmap.author.importers.build import ASSUMED, emotion_of, plan_stages, step_ids, title_from

SUFFIXES = (".ojf",)
LOWEST, HIGHEST = -5, 5

# What a lane holds, by the words of its name (English and Spanish), checked in this order:
# "Support Channel" is where the customer meets support (touchpoints), not a blueprint layer.
_LANE_WORDS: list[tuple[str, str]] = [
    ("touchpoints", r"touch ?points?|channels?|tools?|contacto|canal(es)?|herramientas?"),
    ("pain_points", r"pain|blockers?|friction|issues?|roadblocks?|problems?|obstacles?|"
                    r"dolor|problemas?|fricci[oó]n|obst[aá]culos?"),
    ("emotion", r"emotion(al)?|feelings?|sentiment|mood|health|emoci[oó]n(es)?|"
                r"sentimientos?|[aá]nimo"),
    ("thoughts", r"thoughts?|thinking|thinks|pensamientos?|piensa"),
    ("opportunities", r"opportunit(y|ies)|ideas?|improvements?|oportunidad(es)?|mejoras?"),
    ("needs", r"needs?|necesidad(es)?"),
    ("frontstage", r"front ?stage|on ?stage"),
    ("backstage", r"back ?stage"),
    ("support", r"support|soporte|apoyo"),
    ("steps", r"actions?|activit(y|ies)|doing|does|interactions?|journey|steps?|tasks?|"
              r"acci[oó]n(es)?|actividad(es)?|pasos?|tareas?|hace"),
]
# What ``--column NAME=FIELD`` may name.
FIELDS = ("steps", "touchpoints", "pain_points", "emotion", "thoughts", "opportunities",
          "needs", "actions", "frontstage", "backstage", "support")
# A node's ``purpose`` says what it is when its lane's name does not.
_PURPOSES = {"touchpoint": "touchpoints", "pain-point": "pain_points", "pain": "pain_points",
             "bottleneck": "pain_points", "personal-hurdle": "pain_points",
             "opportunity": "opportunities", "action": "steps", "milestone": "steps",
             "observation": "thoughts", "note": "thoughts"}
_LEVELS = ("low", "medium", "high")
# Node keys every node's place in the map reads; the others are kept or named (leftovers).
_READ = {"stageId", "swimlaneId", "title", "description", "isMomentOfTruth", "blueprint"}


def sniff(data: bytes) -> bool:
    """Whether ``data`` is an OpenJourney file: a JSON object with stages and swimlanes."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    try:
        root = json.loads(data)
    except ValueError:
        return False
    return isinstance(root, dict) and "stages" in root and "swimlanes" in root


def read(data: bytes, name: str, options: ImportOptions) -> list[Imported]:
    """The one journey of an OpenJourney file."""
    text = _text(data)
    try:
        root = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise SourceError(f"not JSON: {error.msg}", error.lineno, error.colno,
                          "an .ojf file is the JSON Ptolemy exports") from None
    except ValueError as error:
        raise SourceError(f"not JSON: {error}", hint="an .ojf file is the JSON Ptolemy "
                          "exports") from None
    return [_Reader(text, name, options).journey(root)]


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        raise SourceError(f"not UTF-8 text: byte {data[error.start]:#04x} cannot be decoded",
                          before.count(b"\n") + 1, error.start - before.rfind(b"\n"),
                          "save the file as UTF-8") from None


def _no_constant(constant: str) -> None:
    raise ValueError(f"{constant} is not a JSON number")


def positions(text: str) -> dict[tuple[Any, ...], int]:
    """The offset of every value of the JSON ``text`` (valid: json.loads read it), by path."""
    found: dict[tuple[Any, ...], int] = {}
    decoder = json.JSONDecoder()
    space = re.compile(r"[ \t\n\r]*")

    def skip(at: int) -> int:
        match = space.match(text, at)
        assert match is not None
        return match.end()

    def value(at: int, path: tuple[Any, ...]) -> int:
        at = skip(at)
        found[path] = at
        if text.startswith("{", at):
            at = skip(at + 1)
            while not text.startswith("}", at):
                key, at = scanstring(text, at + 1)
                at = value(skip(at) + 1, (*path, key))
                at = skip(at)
                at = skip(at + 1) if text.startswith(",", at) else at
            return at + 1
        if text.startswith("[", at):
            at, index = skip(at + 1), 0
            while not text.startswith("]", at):
                at = skip(value(at, (*path, index)))
                at, index = (skip(at + 1) if text.startswith(",", at) else at), index + 1
            return at + 1
        return decoder.raw_decode(text, at)[1]

    value(0, ())
    return found


@dataclass
class _Step:
    data: dict[str, Any]
    stage: str
    emotion_from_lane: bool = False


@dataclass
class _Reader:
    text: str
    name: str
    options: ImportOptions
    dropped: list[str] = field(default_factory=list)
    _positions: dict[tuple[Any, ...], int] | None = None

    def at(self, path: tuple[Any, ...]) -> tuple[int, int]:
        """Line and column of the value at ``path`` (of its nearest ancestor written)."""
        if self._positions is None:
            self._positions = positions(self.text)
        while path not in self._positions:
            path = path[:-1]
        offset = self._positions[path]
        before = self.text[:offset]
        return before.count("\n") + 1, offset - before.rfind("\n")

    def fail(self, message: str, path: tuple[Any, ...], hint: str | None = None) -> SourceError:
        return SourceError(message, *self.at(path), hint)

    def note(self, path: tuple[Any, ...], message: str) -> None:
        line, column = self.at(path)
        self.dropped.append(f"{line}:{column}: {message}")

    def journey(self, root: Any) -> Imported:
        if not isinstance(root, dict):
            raise self.fail("an OpenJourney file is a JSON object, with stages, swimlanes and "
                            "nodes", ())
        meta: dict[str, Any] = root["metadata"] if isinstance(root.get("metadata"), dict) else {}
        for key in ("stages", "swimlanes"):
            if not isinstance(root.get(key), list):
                raise self.fail(f"not an OpenJourney file: it has no '{key}' list", (key,),
                                "an .ojf file has 'stages', 'swimlanes' and 'nodes'")
        nodes = root.get("nodes", [])
        if not isinstance(nodes, list):
            raise self.fail("'nodes' must be a list of nodes", ("nodes",))
        stages = self.named("stages", root["stages"])
        lanes = self.named("swimlanes", root["swimlanes"])
        title = self.text_of(root, "title") or self.text_of(meta, "title")
        point_of_view = self.text_of(root, "pointOfView") or self.text_of(meta, "pov")
        if not title:
            title = point_of_view or title_from(self.name)
            self.note((), f"the file has no title: the map is called '{title}'")
        data: dict[str, Any] = {"cjmap": 1, "title": title}
        description = self.text_of(root, "description")
        if point_of_view and point_of_view != title:
            description = point_of_view if not description else f"{description} {point_of_view}"
        if description:
            data["description"] = description
        if self.options.lang != "en":
            data["lang"] = self.options.lang
        persona = self.text_of(root, "persona") or self.text_of(meta, "persona")
        if persona:
            data["persona"] = persona
        version = root.get("version") or meta.get("version")
        if version is not None:
            data["x-import"] = {"ojf-version": str(version)}
        plan = plan_stages(list(dict.fromkeys(stages.values())), self.options.lang)
        data["stages"] = plan.value
        roles = self.roles(lanes, nodes)
        steps = self.steps(nodes, stages, lanes, roles, plan.ids)
        self.fill(nodes, stages, lanes, roles, steps)
        ordered = [step for stage_id in stages for step in steps if step.stage == stage_id]
        names = [step.data["name"] for step in ordered]
        previous = None
        written = []
        for step, (step_id, explicit) in zip(ordered, step_ids(names), strict=True):
            stage = plan.ids[stages[step.stage]]
            entry = ({"id": step_id} if explicit else {}) | step.data
            if stage != previous:
                entry["stage"] = stage
            previous = stage
            written.append(entry)
        data["steps"] = written
        return Imported(title, data, self.dropped)

    def text_of(self, holder: dict[str, Any], key: str) -> str:
        value = holder.get(key)
        return " ".join(str(value).split()) if isinstance(value, str | int | float) and not \
            isinstance(value, bool) else ""

    def named(self, key: str, items: list[Any]) -> dict[str, str]:
        """The id → name of each stage or swimlane, in order."""
        found: dict[str, str] = {}
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
                raise self.fail(f"each of '{key}' needs an 'id'", (key, index),
                                'write it as {"id": "s1", "name": "Discovery"}')
            item_id = str(item["id"])
            if item_id in found:
                raise self.fail(f"two of '{key}' have the id '{item_id}'", (key, index, "id"),
                                "give each its own id")
            found[item_id] = self.text_of(item, "name") or item_id
        return found

    def roles(self, lanes: dict[str, str], nodes: list[Any]) -> dict[str, str | None]:
        """What each lane holds: from --column, its name, else its nodes' purposes."""
        columns = {name.casefold(): role for name, role in self.options.columns}
        for field_name in columns.values():
            if field_name not in FIELDS:
                raise SourceError(f"--column: a lane cannot hold '{field_name}'",
                                  hint=f"name one of {', '.join(FIELDS)}")
        roles: dict[str, str | None] = {}
        for lane_id, name in lanes.items():
            role: str | None = columns.get(name.casefold()) or _role(name)
            if role is None:
                purposes = [_PURPOSES.get(str(node.get("purpose"))) for node in nodes
                            if isinstance(node, dict) and str(node.get("swimlaneId")) == lane_id]
                known = [purpose for purpose in purposes if purpose]
                role = max(set(known), key=known.count) if known else None
            roles[lane_id] = "steps" if role == "actions" else role
        if "steps" not in roles.values() and lanes:
            first = next(iter(lanes))
            roles[first] = "steps"
            self.note(("swimlanes", 0), f"no lane says what the customer does: the steps "
                      f"are the nodes of the first lane, '{lanes[first]}'")
        for index, (lane_id, lane_role) in enumerate(roles.items()):
            if lane_role is None:
                self.note(("swimlanes", index), f"cjmap does not know what the lane "
                          f"'{lanes[lane_id]}' holds: its nodes are kept under each step's "
                          "x-import; --column 'NAME=FIELD' names the field")
        return roles

    def node(self, nodes: list[Any], index: int, stages: dict[str, str],
             lanes: dict[str, str]) -> dict[str, Any]:
        node = nodes[index]
        if not isinstance(node, dict):
            raise self.fail("each node is an object", ("nodes", index))
        for key, known in (("stageId", stages), ("swimlaneId", lanes)):
            if str(node.get(key)) not in known:
                raise self.fail(f"the node's {key} {json.dumps(node.get(key))} names no "
                                f"{'stage' if key == 'stageId' else 'swimlane'}",
                                ("nodes", index, key),
                                f"use one of {', '.join(known)}")
        return node

    def steps(self, nodes: list[Any], stages: dict[str, str], lanes: dict[str, str],
              roles: dict[str, str | None], stage_ids: dict[str, str]) -> list[_Step]:
        steps = []
        for index in range(len(nodes)):
            node = self.node(nodes, index, stages, lanes)
            if roles[str(node["swimlaneId"])] != "steps":
                continue
            data: dict[str, Any] = {"name": self.label(node, index)}
            if self.text_of(node, "description"):
                data["description"] = self.text_of(node, "description")
            score = self.score(node, index)
            if score is not None:
                data["emotion"] = score[0]
                if self.text_of(node, "sentiment"):
                    data["emotion"] = {"score": score[0],
                                       "label": self.text_of(node, "sentiment")}
                if score[1]:
                    data["evidence"] = ASSUMED
            if node.get("isMomentOfTruth") is True:
                data["moment_of_truth"] = True
            self.blueprint(data, node, index)
            self.leftovers(data, node, index, {"score", "sentiment"})
            steps.append(_Step(data, str(node["stageId"])))
            node["_step"] = steps[-1]
        return steps

    def label(self, node: dict[str, Any], index: int) -> str:
        title = self.text_of(node, "title")
        if not title:
            title = self.text_of(node, "description")[:80] or "—"
            self.note(("nodes", index), f"a node has no title: called '{title}'")
        return title

    def score(self, node: dict[str, Any], index: int) -> tuple[int, bool] | None:
        value = node.get("score")
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                value = math.nan
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise self.fail(f"the score {json.dumps(node.get('score'))} is not a number",
                            ("nodes", index, "score"), "a score runs from -5 to +5")
        emotion, inferred = emotion_of(value, LOWEST, HIGHEST)
        if inferred:
            why = "outside -5..+5" if not LOWEST <= value <= HIGHEST else "not a whole number"
            self.note(("nodes", index, "score"), f"the score {node['score']} is {why}: read as "
                      f"{emotion} on the map's −2..+2, marked evidence: assumed")
        return emotion, inferred

    def keep(self, holder: dict[str, Any], key: str, value: Any) -> None:
        holder.setdefault("x-import", {})[key] = value

    def leftovers(self, holder: dict[str, Any] | None, node: dict[str, Any], index: int,
                  used: set[str]) -> None:
        """What a node holds that its place in the map has no field for: kept under the
        object's ``x-import``, or (a text has none) named on standard error."""
        left = {key: value for key, value in node.items() if key not in _READ | used
                and not key.startswith("_") and value not in (None, "", [])}
        if holder is None:
            if left:
                self.note(("nodes", index), f"{', '.join(left)} of '{self.label(node, index)}'"
                          " have no place in a map: dropped")
            return
        for key, value in left.items():
            self.keep(holder, key, value)

    def blueprint(self, step: dict[str, Any], node: dict[str, Any], index: int) -> None:
        layers = node.get("blueprint")
        if not isinstance(layers, dict):
            return
        for layer, items in layers.items():
            if not isinstance(items, list):
                continue
            for item in items:
                if not isinstance(item, dict):
                    continue
                if layer == "evidence":
                    touchpoint: dict[str, Any] = {"name": self.text_of(item, "item") or "—"}
                    kind = self.text_of(item, "type").lower()
                    if kind in ("physical", "digital"):
                        touchpoint["online"] = kind == "digital"
                    step.setdefault("touchpoints", []).append(touchpoint)
                elif layer in ("onstage", "backstage", "support"):
                    text = self.text_of(item, "action") or self.text_of(item, "description")
                    actor = self.text_of(item, "actor") or self.text_of(item, "system")
                    action: dict[str, Any] = {"text": text or actor or "—"}
                    if actor and text:
                        action["actor"] = actor
                    target = "frontstage" if layer == "onstage" else layer
                    step.setdefault(target, []).append(action)
                else:
                    self.note(("nodes", index, "blueprint", layer), f"the blueprint layer "
                              f"'{layer}' has no place in a map: kept under x-import")
                    self.keep(step, f"blueprint-{layer}", items)
                    break

    def fill(self, nodes: list[Any], stages: dict[str, str], lanes: dict[str, str],
             roles: dict[str, str | None], steps: list[_Step]) -> None:
        """Every other node into the step it belongs to."""
        last: dict[str, _Step] = {}
        for index, node in enumerate(nodes):
            stage = str(node["stageId"])
            if "_step" in node:
                last[stage] = node.pop("_step")
                continue
            step = last.get(stage) or next((s for s in steps if s.stage == stage), None)
            if step is None:
                step = _Step({"name": stages[stage], "evidence": ASSUMED}, stage)
                steps.append(step)
                self.note(("nodes", index), f"the stage '{stages[stage]}' has no node in a "
                          "lane of steps: a step named after it holds its nodes, marked "
                          "evidence: assumed")
                last[stage] = step
            self.attach(step, node, index, roles[str(node["swimlaneId"])],
                        lanes[str(node["swimlaneId"])])

    def attach(self, step: _Step, node: dict[str, Any], index: int, role: str | None,
               lane: str) -> None:
        data = step.data
        title = self.label(node, index)
        description = self.text_of(node, "description")
        sentence = f"{title} — {description}" if description else title
        if role == "emotion":
            score = self.score(node, index)
            if score is not None and not step.emotion_from_lane:
                data["emotion"] = {"score": score[0], "label": title}
                step.emotion_from_lane = True
                if score[1]:
                    data["evidence"] = ASSUMED
                if description:
                    data.setdefault("thoughts", []).append(description)
            else:
                data.setdefault("thoughts", []).append(sentence)
            self.leftovers(None, node, index, {"score", "sentiment"})
        elif role in ("thoughts", "needs", "actions"):
            data.setdefault(role, []).append(sentence)
            self.leftovers(None, node, index, set())
        elif role == "touchpoints":
            touchpoint: dict[str, Any] = {"name": title}
            if description:
                touchpoint["description"] = description
            self.leftovers(touchpoint, node, index, set())
            data.setdefault("touchpoints", []).append(touchpoint)
        elif role == "pain_points":
            pain: dict[str, Any] = {"text": sentence}
            if node.get("severity") in _LEVELS:
                pain["severity"] = node["severity"]
            self.leftovers(pain, node, index, {"severity"})
            data.setdefault("pain_points", []).append(pain)
        elif role == "opportunities":
            opportunity: dict[str, Any] = {"text": sentence}
            if node.get("severity") in _LEVELS:
                opportunity["priority"] = node["severity"]
            self.leftovers(opportunity, node, index, {"severity"})
            data.setdefault("opportunities", []).append(opportunity)
        elif role in ("frontstage", "backstage", "support"):
            action: dict[str, Any] = {"text": sentence}
            self.leftovers(action, node, index, set())
            data.setdefault(role, []).append(action)
        else:
            kept = {key: value for key, value in node.items()
                    if key not in ("stageId", "swimlaneId")}
            data.setdefault("x-import", {}).setdefault(lane, []).append(kept)
            return
        if node.get("isMomentOfTruth") is True:
            data["moment_of_truth"] = True
        self.blueprint(data, node, index)


def _role(name: str) -> str | None:
    lowered = name.casefold()
    for role, words in _LANE_WORDS:
        if re.search(rf"(?<!\w)({words})(?!\w)", lowered):
            return role
    return None
