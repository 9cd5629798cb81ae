"""Golden tests: every sample migrates to exactly its expected Keras 2 output.

samples/keras1/NAME.py -> samples/keras2/NAME.py, and samples/py2/NAME.py ->
samples/keras2/py2/NAME.py, each migrated in the first image ordering its DIM_ORDERINGS names.
After a deliberate change to the passes, review the new outputs with
`python tests/test_samples.py --update && git diff samples/keras2`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from migrate import migrate_source

ROOT = Path(__file__).resolve().parent.parent / "samples"
PAIRS = [(p, ROOT / "keras2" / p.name) for p in sorted((ROOT / "keras1").glob("*.py"))] + [
    (p, ROOT / "keras2" / "py2" / p.name) for p in sorted((ROOT / "py2").glob("*.py"))
]


def ordering(source: str) -> str:
    """The first entry of the sample's DIM_ORDERINGS constant ('tf' when it has none)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return "tf"
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "DIM_ORDERINGS" for t in node.targets
        ):
            return ast.literal_eval(node.value)[0]
    return "tf"


def migrated(path: Path):
    text = path.read_bytes().decode("utf-8")
    return migrate_source(text, path=path.name, image_dim_ordering=ordering(text))


@pytest.mark.parametrize(("before", "after"), PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_sample_migrates_to_expected(before: Path, after: Path):
    result = migrated(before)
    assert result.error is None, result.error
    assert result.after == after.read_bytes().decode("utf-8")
    ast.parse(result.after)
    again = migrate_source(result.after, image_dim_ordering=ordering(result.after))
    assert again.after == result.after, "a second run changed the output"


def update() -> None:
    for before, after in PAIRS:
        result = migrated(before)
        if result.error:
            raise SystemExit(result.error)
        after.parent.mkdir(parents=True, exist_ok=True)
        after.write_bytes(result.after.encode("utf-8"))
        print(f"wrote {after.relative_to(ROOT.parent)}")


if __name__ == "__main__" and "--update" in sys.argv:
    update()
