"""What each problem code means, for the formats that describe their rules (SARIF).

Lint rules describe themselves (their docstrings, in ``cjmap.lint.rules.RULES``). The problems that
loading and validating a map find have codes of their own, described here, in the same words
as the table in docs/cli.md (a test keeps the two in step).
"""

from dataclasses import dataclass

from cjmap.diagnostics import Severity
from cjmap.files.runner import INTERNAL_ERROR
from cjmap.i18n import N_, _


@dataclass(frozen=True)
class Code:
    id: str
    # In English, as the catalogue knows them; summary and description are in the run's
    # language.
    english_summary: str
    english_description: str
    severity: Severity = "error"

    @property
    def summary(self) -> str:
        return _(self.english_summary)

    @property
    def description(self) -> str:
        return _(self.english_description)

    @property
    def help(self) -> str:
        return f"{self.summary}.\n\n{self.description}"


VALIDATION_CODES: dict[str, Code] = {code.id: code for code in (
    Code("yaml-syntax", N_("The file is not YAML"),
         N_("The text cannot be parsed as YAML: a tab used for indentation, an unclosed quote, a "
            "stray ':', or several documents in one file. Nothing else in the file can be checked "
            "until it parses; fix the spot the message points at.")),
    Code("yaml-duplicate-key", N_("A key appears twice in one mapping"),
         N_("YAML parsers keep only one of the values of a repeated key, silently, so half of what "
            "was written would be lost. Merge the two entries or rename one.")),
    Code("yaml-limit", N_("The YAML is nested too deeply or its aliases expand too far"),
         N_("Nesting deeper than 200 levels, or aliases that expand beyond 2,000,000 values (a "
            "'billion laughs' document), are refused to keep cjmap safe on untrusted input.")),
    Code("encoding", N_("The file is not UTF-8, or holds a control character"),
         N_("Maps are UTF-8 text. A file saved as UTF-16, UTF-32, Latin-1 or Windows-1252 must be "
            "saved again as UTF-8; a control character (other than tab and line breaks) must be "
            "removed.")),
    Code("file", N_("The path does not exist or cannot be read"),
         N_("The file named could not be opened: it is missing, a directory, or not readable. "
            "The run exits with status 2.")),
    Code("file-size", N_("The file is larger than 10 MiB"),
         N_("A journey map is far smaller than this; the limit keeps a mistaken path (a log, a "
            "data dump) from exhausting memory.")),
    Code("schema", N_("The map does not fit the format"),
         N_("A value has the wrong type, a required key is missing, a key is unknown (often a "
            "typo: the message suggests the closest key) or a value is out of range. The format "
            "is documented in docs/format.md.")),
    Code("not-a-map", N_("A file looks like a map but has no 'cjmap:' key"),
         N_("A YAML file found in a directory has a top-level 'title' and 'steps' or 'stages' "
            "but no 'cjmap:' key (or a misspelt one, such as 'cjamp'), so it was not checked. "
            "Add 'cjmap: 1', or exclude the file if it is no map. A warning: validate still "
            "exits 0 for it; lint fails on it as on any warning under --fail-on warning."),
         severity="warning"),
    Code("reference", N_("A cross-reference is broken or an id clashes"),
         N_("A step names a stage that is not declared, 'next' or 'addresses' names an id that "
            "does not exist, or two elements share an id.")),
)}


# A problem of the run rather than of a map: in a report only when it happens.
RUN_CODES: dict[str, Code] = {code.id: code for code in (
    Code("config", N_("The lint configuration is invalid"),
         N_("A setting in .cjmap.yaml or pyproject.toml [tool.cjmap] is unknown or misspelt, has "
            "the wrong type, or names a rule or an option that does not exist. Nothing is linted "
            "until it is fixed, and the run exits with status 2. The settings are documented in "
            "docs/lint.md.")),
    Code(INTERNAL_ERROR, N_("cjmap failed on this file"),
         N_("An unexpected error inside cjmap stopped the check of this file; every other file "
            "was still checked and reported. It is a bug in cjmap: please report it with the "
            "file (CJMAP_DEBUG=1 shows the traceback). The run exits with status 2.")),
)}


def unknown(code: str) -> Code:
    """What a code that is not a validation code or a rule means: a problem of the run, or
    one of a newer check."""
    return RUN_CODES.get(code) or Code(
        code, _("cjmap check '{code}'").format(code=code),
        _("Reported by cjmap's '{code}' check.").format(code=code), "warning")
