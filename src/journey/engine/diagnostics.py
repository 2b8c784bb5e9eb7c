"""Problems in a scenario file as values: a location and a plain-English message."""

from __future__ import annotations

from dataclasses import dataclass

from .textsafety import one_line


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, printed as FILE:LINE:COL: message.

    The file name and message are kept as one printable line each: a message may quote a key or
    value from the file, and what a hostile file holds must never reach the terminal as is.
    """

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", one_line(self.file))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; `diagnostics` lists every problem found, in file order."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))
