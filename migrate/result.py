"""Results of migrating one source (FileResult) and many (RunResult)."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field, replace

from .context import Options
from .findings import Finding, Kind


@dataclass
class FileResult:
    path: str
    before: str
    after: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read, parsed or migrated
    written: bool = False  # True once the migrated text reached the disk
    was_changed: bool | None = None  # kept by lean(), which drops the texts
    rewrites: dict[str, int] = field(default_factory=dict)  # pass id -> rewrites lean() dropped

    @property
    def changed(self) -> bool:
        if self.was_changed is not None:
            return self.was_changed
        return self.error is None and self.after != self.before

    def lean(self) -> FileResult:
        """The same result without the texts and with rewrites only counted: what a run that
        shows neither diffs nor rewrites keeps of each file, so memory stays flat on big trees."""
        kept = [f for f in self.findings if f.kind is not Kind.REWRITE]
        dropped = Counter(f.pass_id for f in self.findings if f.kind is Kind.REWRITE)
        return replace(
            self,
            before="",
            after="",
            was_changed=self.changed,
            findings=kept,
            rewrites=dict(dropped),
        )

    def rewrite_counts(self) -> Counter:
        """Rewrites by pass, counting those lean() dropped."""
        counts = Counter(f.pass_id for f in self.findings if f.kind is Kind.REWRITE)
        counts.update(self.rewrites)
        return counts

    @property
    def manual(self) -> list[Finding]:
        return [f for f in self.findings if f.kind is Kind.MANUAL]

    def diff(self, context: int = 3) -> str:
        """Unified diff of before -> after ('' when nothing changed)."""
        if not self.changed:
            return ""
        name = self.path or "<source>"
        lines = difflib.unified_diff(
            _lines(self.before), _lines(self.after), f"a/{name}", f"b/{name}", n=context
        )
        return "".join(lines)


def _lines(text: str) -> list[str]:
    """Lines for a diff; a last line without a newline is marked the way `diff -u` does."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    options: Options | None = None  # target and image ordering the run used

    @property
    def changed(self) -> list[FileResult]:
        return [f for f in self.files if f.changed]

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    @property
    def findings(self) -> list[Finding]:
        return [x for f in self.files for x in f.findings]

    def counts(self) -> dict[str, int]:
        kinds = Counter(x.kind.value for x in self.findings)
        kinds["rewrite"] += sum(sum(f.rewrites.values()) for f in self.files)
        return {
            "files": len(self.files),
            "changed": len(self.changed),
            "unchanged": len(self.files) - len(self.changed) - len(self.failed),
            "failed": len(self.failed),
            **{k.value: kinds.get(k.value, 0) for k in Kind},
        }
