"""Errors a user can cause, each turned into one clear line by the CLI.

Bugs still raise ordinary exceptions; only these types are caught and shown
as ``path: cause`` with exit code 2. Messages never quote document text.
"""

from __future__ import annotations


class LintError(Exception):
    """Base of every error the user can cause and fix."""

    def __init__(self, path: str | None, cause: str) -> None:
        # One line whatever a file or zip member name holds (newlines, escape sequences).
        from lcsprlint.safety import one_line

        cause = one_line(cause)
        super().__init__(f"{one_line(path)}: {cause}" if path else cause)
        self.path = path
        self.cause = cause


class InputError(LintError):
    """A document could not be read (missing, corrupt, encrypted, legacy...)."""


class RuleFileError(LintError):
    """A rule file is invalid; ``line`` is 1-based when known."""

    def __init__(self, path: str | None, cause: str, line: int | None = None) -> None:
        self.line = line
        where = f"{path}:{line}" if path and line else path
        super().__init__(where, cause)
        self.path = path


class ConfigError(LintError):
    """A configuration file or option is invalid."""


class RuleTimeout(Exception):
    """A rule's pattern ran past its time limit on some text."""
