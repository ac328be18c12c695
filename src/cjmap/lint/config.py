"""Which configuration applies to ``cjmap lint``, and the settings it resolves to.

The configuration is ``.cjmap.yaml`` (or ``.cjmap.yml``), or the ``[tool.cjmap]`` table of
``pyproject.toml``: the first found in the working directory or above it, or the file given with
``--config``. :class:`Settings` is the resolved configuration as plain data, so that a cached
run can use it without importing pydantic; :mod:`cjmap.lint.configmodel` validates it on a cold run.
"""

import functools
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cjmap.diagnostics import Diagnostic, FileReport, Severity, display_path
from cjmap.i18n import _

CONFIG_FILES = (".cjmap.yaml", ".cjmap.yml", "pyproject.toml")
_TOOL_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*cjmap[ \t]*[\].]", re.MULTILINE)


class ConfigError(Exception):
    """The configuration cannot be used; ``diagnostics`` say where and why."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(diagnostics[0].message)
        self.diagnostics = list(diagnostics)

    @classmethod
    def at_start(cls, path: str, message: str, hint: str | None = None) -> "ConfigError":
        from cjmap.diagnostics import FILE_START

        return cls([Diagnostic(path, FILE_START, "config", message, hint=hint)])

    def report(self, text: str | None) -> FileReport:
        from cjmap.diagnostics import sort_key
        from cjmap.parse.source import split_lines

        lines = split_lines(text) if text is not None else []
        return FileReport(self.diagnostics[0].path, tuple(sorted((
            Diagnostic(d.path, d.span, d.code, d.message, d.severity, d.pointer, d.hint,
                       lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else None)
            for d in self.diagnostics), key=sort_key)))


@dataclass(frozen=True)
class Source:
    """A configuration file: where it is and what it says (read once, hashed for the cache)."""

    path: Path
    data: bytes

    @property
    def is_toml(self) -> bool:
        return self.path.suffix == ".toml"

    def text(self) -> str:
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ConfigError.at_start(
                str(self.path), _("not valid UTF-8 ({reason})").format(reason=error.reason),
                _("save the file as UTF-8")) from None


def find(start: Path) -> Source | None:
    """The configuration file that applies in ``start``: the nearest one at or above it."""
    for directory in (start.absolute(), *start.absolute().parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            try:
                data = candidate.read_bytes()
            except OSError:
                continue
            if name == "pyproject.toml" and not _TOOL_TABLE.search(
                    data.decode("utf-8", "replace")):
                continue
            return Source(_relative(candidate), data)
    return None


def _relative(path: Path) -> Path:
    """``path`` as seen from where cjmap runs, as map paths are shown."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive
        return path


def read(path: Path) -> Source:
    """The file given with ``--config``."""
    try:
        return Source(path, path.read_bytes())
    except IsADirectoryError:
        raise ConfigError.at_start(display_path(path),
                                   _("is a directory, not a configuration file"),
                                   _("name a .cjmap.yaml or pyproject.toml file")) from None
    except OSError as error:
        raise ConfigError.at_start(display_path(path), _(
            "cannot read the configuration: {reason}").format(reason=error.strerror or error),
            _("check the path")) from None


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


# The rules that run on a file with their severities, and each one's options.
Plan = tuple[dict[str, Severity], dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Settings:
    """The effective configuration of a run: the file's settings with the command line's on top.

    ``rules`` holds, per rule id, ``severity`` (or ``off``) and option values as written.
    Globs are relative to ``root``: the configuration file's directory, or the working one.
    """

    root: str
    source: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    fail_on: Severity = "warning"
    lang: str | None = None  # the messages' language, when the configuration sets one
    # From the command line: exactly these rules, whatever the file enables.
    cli_select: tuple[str, ...] | None = None
    cli_ignore: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Settings":
        tuples = {name: tuple(data[name]) for name in
                  ("extend_select", "ignore", "include", "exclude", "cli_ignore")}
        optional = {name: None if data[name] is None else tuple(data[name])
                    for name in ("select", "cli_select")}
        overrides = tuple(
            Override(tuple(o["files"]), tuple(o["extend_select"]), tuple(o["ignore"]),
                     o["rules"]) for o in data["overrides"])
        return cls(**{**data, **tuples, **optional, "overrides": overrides})

    def enabled(self, name: str, rules: Mapping[str, Severity]) -> dict[str, Severity]:
        """The rules that run on the file ``name`` and their severities.

        ``rules`` gives every rule's default severity.
        """
        return self._enabled(self._matching(name), rules)

    def options(self, name: str, rule: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
        """The options of ``rule`` on the file ``name``: defaults, then each layer's."""
        return self._options(self._matching(name), rule, defaults)

    def plan(self, name: str) -> "Plan":
        """The registered rules that run on the file ``name``, with their severities, and each
        one's options.

        Worked out once per distinct set of overrides that apply: a run lints many files with
        the same settings. The dictionaries are shared, not to be changed.
        """
        from cjmap.lint.rules import RULES

        matching = self._matching(name)
        found = self._plans.get(matching)
        if found is None:
            enabled = self._enabled(matching, {rule: m.SEVERITY for rule, m in RULES.items()})
            found = self._plans[matching] = (enabled, {
                rule: self._options(matching, rule, RULES[rule].OPTIONS) for rule in enabled})
        return found

    @functools.cached_property
    def _plans(self) -> "dict[tuple[int, ...], Plan]":
        # Not a field: no part of the settings, nor of their dictionary for the cache key.
        return {}

    def _matching(self, name: str) -> tuple[int, ...]:
        """The positions of the overrides that apply to the file ``name``."""
        return tuple(index for index, override in enumerate(self.overrides)
                     if matches(override.files, name, self.root))

    def _enabled(self, matching: tuple[int, ...], rules: Mapping[str, Severity]
                 ) -> dict[str, Severity]:
        selected = set(rules) if self.select is None or "all" in self.select \
            else set(self.select)
        selected = (selected | set(self.extend_select)) - set(self.ignore)
        severities = dict(rules)
        layers: list[tuple[Iterable[str], Iterable[str], Mapping[str, Mapping[str, Any]]]] = [
            ((), (), self.rules)]
        layers += [(self.overrides[index].extend_select, self.overrides[index].ignore,
                    self.overrides[index].rules) for index in matching]
        for extend, ignore, settings in layers:
            selected = (selected | set(extend)) - set(ignore)
            for rule, setting in settings.items():
                severity = setting.get("severity")
                if severity == "off":
                    selected.discard(rule)
                elif severity is not None:
                    severities[rule] = severity
        if self.cli_select is not None:
            selected = set(rules) if "all" in self.cli_select else set(self.cli_select)
        selected -= set(self.cli_ignore)
        return {rule: severities[rule] for rule in rules if rule in selected}

    def _options(self, matching: tuple[int, ...], rule: str, defaults: Mapping[str, Any]
                 ) -> dict[str, Any]:
        options = dict(defaults)
        for settings in (self.rules, *(self.overrides[index].rules for index in matching)):
            options.update({key: value for key, value in settings.get(rule, {}).items()
                            if key != "severity"})
        return options

    def excluded(self, path: Path, *, explicit: bool) -> bool:
        """Whether ``path`` is left out: exclude globs always, include globs inside directories.

        A file named on the command line is linted unless excluded, so that a script or hook
        that passes file names honours ``exclude`` too.
        """
        name = str(path)
        if self.exclude and matches(self.exclude, name, self.root):
            return True
        return bool(self.include) and not explicit and not matches(self.include, name,
                                                                   self.root)


def matches(globs: Sequence[str], name: str, root: str) -> bool:
    """Whether the file ``name`` matches one of ``globs`` (.gitignore syntax, under ``root``).

    ``name`` is as given or found, from wherever cjmap runs: ``../maps/a.yaml``, an absolute
    path, a path through a symbolic link. Both sides are normalised before comparing, lexically
    first (a symbolic link inside the repository stays where it is written), then with links
    resolved, for an absolute path that reaches the repository another way.
    """
    lexical = (_normalised(name), _normalised(root))
    for path, base in (lexical, (os.path.realpath(name), os.path.realpath(root))):
        try:
            relative = Path(path).relative_to(base).as_posix()
        except ValueError:
            continue
        return bool(_spec(tuple(globs)).match_file(relative))
    return False


def _normalised(path: "str | os.PathLike[str]") -> str:
    """``path`` made absolute without its ``..`` parts; unlike ``Path.resolve()``, a symbolic
    link keeps the name it was given."""
    return os.path.abspath(path)  # noqa: PTH100 - lexical on purpose


def _unknown_rule(rule: str, flag: str, rules: Iterable[str]) -> str:
    from cjmap.format.validation import did_you_mean

    if hint := did_you_mean(rule, rules):
        return _("unknown rule '{rule}' in {option}; {hint}").format(rule=rule, option=flag,
                                                                     hint=hint)
    return _("unknown rule '{rule}' in {option}").format(rule=rule, option=flag)


@functools.cache
def _spec(globs: tuple[str, ...]) -> Any:
    # Compiled once per run: overrides are matched for every file and every rule.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


def resolve(source: Source | None, cwd: Path, *, select: Sequence[str] | None = None,
            ignore: Sequence[str] = ()) -> Settings:
    """Validate the configuration (a cold run) and lay the command line's rules on top.

    Raises :class:`ConfigError` with the position of every problem.
    """
    from cjmap.lint.rules import RULES

    options = {rule: module.OPTIONS for rule, module in RULES.items()}
    cli_problems = [_unknown_rule(rule, flag, RULES)
                    for flag, rules in (("--select", select or ()), ("--ignore", ignore))
                    for rule in rules
                    if rule not in RULES and not (flag == "--select" and rule == "all")]
    if cli_problems:
        raise UsageError(cli_problems)
    cli = {"cli_select": None if select is None else tuple(select), "cli_ignore": tuple(ignore)}
    if source is None:
        return Settings(root=_normalised(cwd), **cli)  # type: ignore[arg-type]
    # Only a configuration file needs its model (pydantic): a repository without one, the
    # usual case, saves a tenth of a second on every command.
    from cjmap.lint import configmodel

    data, locator = _parse(source)
    config, problems = configmodel.validate(data, locator, options)
    if config is None:
        raise ConfigError(problems)
    dump = config.model_dump()
    return Settings(
        # Normalised: a configuration found above is '../.cjmap.yaml'.
        root=_normalised(source.path.parent),
        source=str(source.path),
        select=None if config.select is None else tuple(config.select),
        extend_select=tuple(config.extend_select), ignore=tuple(config.ignore),
        rules=dump["rules"], include=tuple(config.include), exclude=tuple(config.exclude),
        overrides=tuple(Override(tuple(o.files), tuple(o.extend_select), tuple(o.ignore),
                                 dump["overrides"][index]["rules"])
                        for index, o in enumerate(config.overrides)),
        fail_on=config.fail_on, lang=config.lang, **cli,  # type: ignore[arg-type]
    )


class UsageError(Exception):
    """A bad command-line option; each message is printed as ``cjmap: MESSAGE``."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def _parse(source: Source) -> "tuple[Any, Any]":
    from cjmap.lint.configmodel import Locator

    name = str(source.path)
    text = source.text()
    if source.is_toml:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]
        try:
            table: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            from cjmap.diagnostics import Span

            # tomllib puts the position in the message only: "... (at line 3, column 1)".
            where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
            line, column = (int(where[1]), int(where[2])) if where else (1, 1)
            message = str(error).split(" (at ")[0]
            raise ConfigError([Diagnostic(name, Span.point(line, column), "config",
                                          _("TOML syntax: {problem}").format(
                                              problem=message))]) from None
        prefix: tuple[str, ...] = ()
        if source.path.name == "pyproject.toml":
            prefix = ("tool", "cjmap")
            table = table.get("tool", {}).get("cjmap", {})
        return table, Locator(name, prefix, toml_text=text)
    from cjmap.parse import yamlfast

    try:
        document = yamlfast.parse(text)
    except yamlfast.YamlError as error:
        raise ConfigError([Diagnostic(name, error.span, "config", error.message,
                                      hint=error.hint)]) from None
    if document.data is not None and not isinstance(document.data, dict):
        raise ConfigError([Diagnostic(name, document.locate(()), "config",
                                      _("the configuration must be a mapping of settings"),
                                      hint=_("for example 'ignore: [missing-persona]'"))])
    return document.data, Locator(name, document=document)


def configured_language(source: Source | None) -> str | None:
    """The ``lang`` a configuration sets, read leniently: validate has no business reporting
    lint's configuration, so a file that cannot be read, or a wrong value, sets nothing (lint
    reports it)."""
    from cjmap.i18n import LANGUAGES

    if source is None:
        return None
    try:
        data, _locator = _parse(source)
    except ConfigError:
        return None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if lang in LANGUAGES else None


def config_schema() -> dict[str, Any]:
    """The JSON Schema of .cjmap.yaml and [tool.cjmap], with every registered rule's options."""
    from cjmap.lint import configmodel
    from cjmap.lint.rules import RULES

    return configmodel.config_schema({rule: module.OPTIONS for rule, module in RULES.items()})
