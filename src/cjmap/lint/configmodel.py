"""The configuration of ``cjmap lint``: the pydantic model (the single source of truth), its
JSON Schema, and its validation errors told at the place in the file where they belong.

Only a cold run imports this module: a cached run reads the settings it resolved last time.
"""

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cjmap.diagnostics import SEVERITIES, Diagnostic, Span, json_pointer
from cjmap.format.validation import describe, did_you_mean
from cjmap.i18n import LANGUAGES, Language, _
from cjmap.parse.document import Document

SeverityOrOff = Literal["error", "warning", "info", "off"]
FailOn = Literal["error", "warning", "info"]
CONFIG_SCHEMA_ID = "https://cjmap.dev/schemas/cjmap-config.schema.json"
# Validation problems are not rules: they always count, so that lint finds all validate finds.
VALIDATION_CODES = ("file", "file-size", "encoding", "yaml-syntax", "yaml-duplicate-key",
                    "yaml-limit", "schema", "reference")


class RuleSettings(BaseModel):
    """A rule's severity and options; 'error' alone is short for '{severity: error}'."""

    model_config = ConfigDict(extra="allow")

    severity: SeverityOrOff | None = Field(
        None, description="error, warning or info; 'off' turns the rule off")


def _shorthand(value: Any) -> Any:
    if isinstance(value, dict):
        return {rule: {"severity": setting} if isinstance(setting, str) else setting
                for rule, setting in value.items()}
    return value


class Override(BaseModel):
    """Settings for the files that match 'files', applied after the top-level settings."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    files: list[str] = Field(min_length=1, description="globs, relative to the configuration "
                             "file's directory, in .gitignore syntax")
    extend_select: list[str] = Field([], alias="extend-select",
                                     description="rules to turn on for these files")
    ignore: list[str] = Field([], description="rules to turn off for these files")
    rules: dict[str, RuleSettings] = Field({}, description="severity and options per rule")

    _rules_shorthand = field_validator("rules", mode="before")(_shorthand)


class Config(BaseModel):
    """The settings of ``cjmap lint``, from .cjmap.yaml or pyproject.toml [tool.cjmap]."""

    model_config = ConfigDict(extra="forbid", title="cjmap configuration")

    select: list[str] | None = Field(
        None, description="the rules to run (default: all); 'all' names every rule")
    extend_select: list[str] = Field([], alias="extend-select",
                                     description="rules to run in addition to 'select'")
    ignore: list[str] = Field([], description="rules not to run")
    rules: dict[str, RuleSettings] = Field(
        {}, description="per rule: a severity (error, warning, info, off) or a mapping of "
        "'severity' and the rule's options")
    include: list[str] = Field(
        [], description="inside directories, lint only the maps matching these globs")
    exclude: list[str] = Field([], description="never lint files matching these globs")
    overrides: list[Override] = Field([], description="settings for some files")
    fail_on: FailOn = Field("warning", alias="fail-on",
                            description="the lowest severity that makes the run fail (exit 1)")
    lang: Language | None = Field(
        None, description="the language of lint's and validate's messages (en, es); default: "
        "the user's locale (LC_ALL, LC_MESSAGES, LANG). --lang overrides it")

    _rules_shorthand = field_validator("rules", mode="before")(_shorthand)


_ALIASES = {"extend_select": "extend-select", "fail_on": "fail-on"}
_FIELDS = {
    Config: [_ALIASES.get(name, name) for name in Config.model_fields],
    Override: [_ALIASES.get(name, name) for name in Override.model_fields],
}


def validate(data: Any, locate: "Locator", rule_options: Mapping[str, Mapping[str, Any]]
             ) -> tuple[Config | None, list[Diagnostic]]:
    """The configuration in ``data``, or the problems that keep it from being one.

    ``rule_options`` maps every rule id to its option defaults; ids and options are checked
    against it, with "did you mean" for near misses.
    """
    if data is None:
        data = {}
    config: Config | None = None
    problems: list[Diagnostic] = []
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        problems = [locate.diagnostic(tuple(e["loc"]), *_explain(e), key=e["type"] ==
                                      "extra_forbidden") for e in error.errors()]
    # Rule ids and options are checked on the data as written, so that they are reported in
    # the same run as the errors above.
    problems += [locate.diagnostic(loc, message, hint, key=key)
                 for loc, message, hint, key in _check_rules(data, rule_options)]
    return (None if problems else config), problems


def _explain(error: Any) -> tuple[str, str | None]:
    kind, loc, value = error["type"], error["loc"], error["input"]
    name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "value")
    if kind == "extra_forbidden":
        fields = _FIELDS[Override] if "overrides" in loc else _FIELDS[Config]
        return (_("unknown setting '{setting}'").format(setting=loc[-1]),
                did_you_mean(str(loc[-1]), fields)
                or _("known settings: {settings}").format(settings=", ".join(fields)))
    if kind == "literal_error":
        return (_("'{name}' cannot be {value}: use one of {choices}").format(
            name=name, value=repr(value), choices=error["ctx"]["expected"]),
                did_you_mean(str(value), [*SEVERITIES, "off"] if "lang" not in loc
                             else list(LANGUAGES)))
    if kind == "list_type":
        return _("'{name}' must be a list, not {value}").format(name=name, value=describe(value)), \
            _("write it as [{value}]").format(value=repr(value)) if isinstance(value, str) \
            else None
    if kind == "string_type":
        return _("'{name}' must be text, not {value}").format(name=name,
                                                              value=describe(value)), None
    if kind in ("dict_type", "model_type"):
        return (_("'{name}' must be a mapping, not {value}").format(name=name,
                                                                    value=describe(value)),
                _("a rule takes a severity (error, warning, info, off) or a mapping of "
                  "'severity' and options") if "rules" in loc else None)
    if kind == "missing":
        return _("this override is missing the required setting '{name}'").format(
            name=name), None
    if kind == "too_short":
        return _("'{name}' must list at least one glob").format(name=name), None
    return f"'{name}': {error['msg']}", None


Problem = tuple[tuple[Any, ...], str, "str | None", bool]


def _check_rules(data: Mapping[str, Any], rule_options: Mapping[str, Mapping[str, Any]]
                 ) -> Iterable[Problem]:
    """Unknown rule ids and options wherever the configuration names them; a value of the
    wrong shape is left to the model's own errors."""
    known = list(rule_options)
    overrides = data.get("overrides")
    places: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    if isinstance(overrides, list):
        places += [(("overrides", index), override) for index, override in enumerate(overrides)]
    for base, place in places:
        if not isinstance(place, dict):
            continue
        for field in ("select", "extend-select", "ignore"):
            rules = place.get(field)
            for index, rule in enumerate(rules if isinstance(rules, list) else []):
                if not isinstance(rule, str) or (rule == "all" and field == "select"):
                    continue
                problem = _unknown(rule, known)
                if problem:
                    yield ((*base, field, index), *problem, False)
        settings = place.get("rules")
        for rule, setting in (settings.items() if isinstance(settings, dict) else ()):
            problem = _unknown(str(rule), known)
            if problem:
                yield ((*base, "rules", rule), *problem, True)
                continue
            options = setting.items() if isinstance(setting, dict) else ()
            for option, value in options:
                if option != "severity":
                    yield from _check_option((*base, "rules", rule, option), rule, option,
                                             value, rule_options[rule])


def _unknown(rule: str, known: list[str]) -> tuple[str, str | None] | None:
    if rule in known:
        return None
    if rule in VALIDATION_CODES:
        return (_("'{rule}' is a validation check, not a rule: validation problems are "
                  "always reported").format(rule=rule), _("fix the map instead"))
    return (_("unknown rule '{rule}'").format(rule=rule),
            did_you_mean(rule, known) or _("cjmap rules lists them all"))


def _check_option(loc: tuple[Any, ...], rule: str, option: str, value: Any,
                  defaults: Mapping[str, Any]) -> Iterable[Problem]:
    if option not in defaults:
        hint = did_you_mean(option, defaults) or (
            _("its options: {options}").format(options=", ".join(defaults)) if defaults
            else _("it takes no options"))
        yield loc, _("rule '{rule}' has no option '{option}'").format(rule=rule,
                                                                      option=option), hint, True
        return
    expected = defaults[option]
    if not _same_kind(value, expected):
        yield (loc, _("option '{option}' of '{rule}' must be {expected}, not {value}").format(
            option=option, rule=rule, expected=_kind(expected), value=repr(value)),
               _("its default is {default}").format(default=repr(expected)), False)
    elif option.endswith(CADENCE_SUFFIX) and value:
        yield from _check_cadence(loc, value)


# An option named ``…cadence`` is a review cadence, written as the map's ``review.cadence``.
CADENCE_SUFFIX = "cadence"


def _check_cadence(loc: tuple[Any, ...], value: str) -> Iterable[Problem]:
    from pydantic_core import PydanticCustomError

    from cjmap.format.model import HintedError, cadence_days

    try:
        cadence_days(value)
    except HintedError as error:
        yield loc, str(error), error.hint, False
    except PydanticCustomError as error:  # more days than the calendar has
        yield loc, error.message(), None, False


def _same_kind(value: Any, expected: Any) -> bool:
    if isinstance(expected, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(expected, bool)
    if isinstance(expected, float):
        return isinstance(value, int | float)
    if isinstance(expected, list):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(expected))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int):
        return _("a whole number")
    if isinstance(value, float):
        return _("a number")
    if isinstance(value, list):
        return _("a list of text")
    return _("text")


class Locator:
    """Where a path of the configuration is written, for diagnostics at file:line:col."""

    def __init__(self, name: str, prefix: tuple[Any, ...] = (),
                 document: Document | None = None, toml_text: str | None = None) -> None:
        self.name = name
        self.prefix = prefix
        self.document = document
        self.toml_text = toml_text

    def span(self, loc: tuple[Any, ...], *, key: bool = False) -> Span:
        if self.document is not None:
            return self.document.locate(loc, key=key)
        if self.toml_text is not None:
            from cjmap.lint.tomlpos import locate

            return locate(self.toml_text, (*self.prefix, *loc))
        return Span.point(1, 1)

    def diagnostic(self, loc: tuple[Any, ...], message: str, hint: str | None = None, *,
                   key: bool = False) -> Diagnostic:
        return Diagnostic(self.name, self.span(loc, key=key), "config", message,
                          pointer=json_pointer(loc), hint=hint)


def config_schema(rule_options: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The JSON Schema of the configuration, with each rule's options spelt out."""
    schema = Config.model_json_schema(by_alias=True)
    severity = {"enum": [*SEVERITIES, "off"]}
    rules = {
        rule: {"anyOf": [severity, {
            "type": "object", "additionalProperties": False,
            "properties": {"severity": severity,
                           **{name: _option_schema(value) for name, value in options.items()}},
        }]}
        for rule, options in rule_options.items()
    }
    table = {"type": "object", "properties": rules, "additionalProperties": False,
             "description": schema["properties"]["rules"].get("description", "")}
    schema["properties"]["rules"] = table
    schema["$defs"]["Override"]["properties"]["rules"] = {**table, "description":
                                                          "severity and options per rule"}
    schema["$defs"].pop("RuleSettings", None)
    rule_ids = {"enum": list(rule_options)}
    for model in (schema, schema["$defs"]["Override"]):
        for name in ("select", "extend-select", "ignore"):
            field = model["properties"].get(name)
            if field is None:
                continue
            ids = {"anyOf": [rule_ids, {"const": "all"}]} if name == "select" else rule_ids
            if "anyOf" in field:  # select: a list or null
                field["anyOf"][0]["items"] = ids
            else:
                field["items"] = ids
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": CONFIG_SCHEMA_ID,
            **schema}


def _option_schema(default: Any) -> dict[str, Any]:
    if isinstance(default, bool):
        kind: dict[str, Any] = {"type": "boolean"}
    elif isinstance(default, int):
        kind = {"type": "integer"}
    elif isinstance(default, float):
        kind = {"type": "number"}
    elif isinstance(default, list):
        kind = {"type": "array", "items": {"type": "string"}}
    else:
        kind = {"type": "string"}
    return {**kind, "default": default}
