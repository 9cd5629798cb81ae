"""Real files: encodings, line endings, modes, permissions, symlinks and broken inputs, through
`migrate_paths(..., write=True)` and the `keras-migrate migrate` command. Every fault must be
reported and must leave the original byte-for-byte as it was, mode included."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import libcst as cst
import pytest

from migrate import migrate_paths, migrate_source
from migrate.passes import Pass
from migrate.run import RunError
from migrate.sources import SourceError, read, write_atomic


def _modes_bind() -> bool:
    """False for root (or any process allowed to override file modes)."""
    with tempfile.TemporaryDirectory() as d:
        probe = Path(d) / "probe"
        probe.write_bytes(b"")
        probe.chmod(0o444)
        try:
            probe.open("ab").close()
        except PermissionError:
            return True
        return False


ROOT = not _modes_bind()
AS_ROOT = "running as root, which may read and write any file whatever its mode"

LATIN1 = """\
# -*- coding: latin-1 -*-
# Modèle siamois : somme des deux branches (José, 2016)
from keras.layers import Input, merge
from keras.models import Model
a = Input(shape=(3,))
b = Input(shape=(3,))
s = merge([a, b], mode='sum')  # somme élément par élément
m = Model(input=[a, b], output=s)
"""
LATIN1_AFTER = """\
# -*- coding: latin-1 -*-
# Modèle siamois : somme des deux branches (José, 2016)
from keras.layers import Input, add
from keras.models import Model
a = Input(shape=(3,))
b = Input(shape=(3,))
s = add([a, b])  # somme élément par élément
m = Model(inputs=[a, b], outputs=s)
"""
MERGE = "from keras.layers import merge\nx = merge([a, b], mode='sum')\n"
MERGE_AFTER = "from keras.layers import add\nx = add([a, b])\n"


def keras_migrate(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("keras-migrate")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "migrate"]
    env = {**os.environ, "NO_COLOR": "1", "KERAS_HOME": str(cwd or Path.cwd())}
    return subprocess.run(
        [*cmd, *args, "--no-color"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), stat.S_IMODE(path.lstat().st_mode)


def migrate(*paths: Path, **kwargs):
    return migrate_paths(list(paths), write=True, image_dim_ordering="tf", **kwargs)


def errors(run) -> list[tuple[str, int, str]]:
    return [(Path(f.path).name, f.line, f.message) for f in run.findings if f.kind.value == "error"]


@pytest.fixture
def lock():
    """Make a file or folder unwritable: chmod for a normal user; for root, which ignores
    modes, the immutable attribute (skipped where chattr is missing or not allowed)."""
    locked: list[tuple[Path, int]] = []

    def apply(path: Path) -> None:
        mode = stat.S_IMODE(path.stat().st_mode)
        if ROOT:
            chattr = shutil.which("chattr")
            done = chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True)
            if not done or done.returncode:
                pytest.skip(f"{AS_ROOT}, and chattr +i is not available here")
        else:
            path.chmod(mode & ~0o222)
        locked.append((path, mode))

    yield apply
    for path, mode in reversed(locked):
        if ROOT:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


# encodings, BOM, line endings, mode ---------------------------------------------------------


def test_latin1_cookie_written_back_in_latin1(tmp_path):
    f = tmp_path / "siamese.py"
    f.write_bytes(LATIN1.encode("latin-1"))
    run = migrate(f)
    assert errors(run) == []
    assert run.files[0].written
    assert f.read_bytes() == LATIN1_AFTER.encode("latin-1")


def test_utf8_bom_kept(tmp_path):
    f = tmp_path / "bom.py"
    f.write_bytes(b"\xef\xbb\xbf# caf\xc3\xa9\n" + MERGE.encode())
    migrate(f)
    assert f.read_bytes() == b"\xef\xbb\xbf# caf\xc3\xa9\n" + MERGE_AFTER.encode()


def test_crlf_kept(tmp_path):
    f = tmp_path / "crlf.py"
    f.write_bytes(MERGE.replace("\n", "\r\n").encode())
    migrate(f)
    assert f.read_bytes() == MERGE_AFTER.replace("\n", "\r\n").encode()


def test_crlf_kept_where_lines_are_added_and_removed():
    # samples/keras1/three_branch_seq.py gains lines (imports, a Model); each new line ends
    # the way the file's lines do
    sample = Path(__file__).parent.parent / "samples" / "keras1" / "three_branch_seq.py"
    text = sample.read_text()
    lf = migrate_source(text, image_dim_ordering="tf")
    crlf = migrate_source(text.replace("\n", "\r\n"), image_dim_ordering="tf")
    assert lf.after.count("\n") > text.count("\n")
    assert crlf.error is None
    assert crlf.after == lf.after.replace("\n", "\r\n")


def test_mixed_line_endings_stay_as_they_were(tmp_path):
    f = tmp_path / "mixed.py"
    f.write_bytes(b"import os\r\nfrom keras.layers import merge\nx = merge([a, b], mode='sum')\r\n")
    migrate(f)
    assert f.read_bytes() == b"import os\r\nfrom keras.layers import add\nx = add([a, b])\r\n"


def test_mode_kept_and_no_temporary_file_left(tmp_path):
    f = tmp_path / "train.py"
    f.write_text("#!/usr/bin/env python\n" + MERGE)
    f.chmod(0o751)
    migrate(f)
    assert state(f) == (("#!/usr/bin/env python\n" + MERGE_AFTER).encode(), 0o751)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["train.py"]


def test_symlinked_file_inside_the_tree_written_through_the_link(tmp_path):
    (tmp_path / "real.py").write_text(MERGE)
    (tmp_path / "link.py").symlink_to("real.py")
    run = migrate(tmp_path)
    assert [Path(f.path).name for f in run.files] == ["link.py"]  # one file, listed once
    assert (tmp_path / "link.py").is_symlink()
    assert (tmp_path / "real.py").read_text() == MERGE_AFTER


def test_cli_migrates_encodings_in_place(tmp_path):
    (tmp_path / "lat.py").write_bytes(LATIN1.encode("latin-1"))
    (tmp_path / "crlf.py").write_bytes(MERGE.replace("\n", "\r\n").encode())
    done = keras_migrate("migrate", "-q", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 files scanned: 2 migrated, 0 unchanged, 0 failed" in done.stdout
    assert (tmp_path / "lat.py").read_bytes() == LATIN1_AFTER.encode("latin-1")
    assert (tmp_path / "crlf.py").read_bytes() == MERGE_AFTER.replace("\n", "\r\n").encode()


# files that are fine but have nothing to do -------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"# keras 1 model, see keras.io\n# nothing else\n", b"\n\n", b"# keras\n\x0c\n"],
    ids=["empty", "comments", "blank", "formfeed"],
)
def test_nothing_to_do_left_alone(tmp_path, data):
    f = tmp_path / "f.py"
    f.write_bytes(data)
    before = state(f)
    run = migrate(f)
    assert errors(run) == []
    assert run.changed == [] and not run.files[0].written
    assert state(f) == before


# faults: reported, original untouched --------------------------------------------------------

FAULTS = {
    "binary.py": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR keras",
        0,
        "binary file (contains NUL bytes), not Python source",
    ),
    "utf16.py": (
        "import keras\n".encode("utf-16"),
        0,
        "UTF-16/UTF-32 file: Python source must use an ASCII-based encoding",
    ),
    "undecodable.py": (
        b"import keras\nx = 1\n# na\xefve\n",
        0,  # the line is in the message; run.process puts 0 in the finding
        "cannot decode line 3 as utf-8 (bytes ef); declare the file's encoding with a coding "
        "comment (PEP 263)",
    ),
    "badcookie.py": (
        b"# -*- coding: klingon -*-\nimport keras\n",
        0,
        "bad encoding declaration: unknown encoding: klingon",
    ),
    "bomcookie.py": (
        b"\xef\xbb\xbf# coding: latin-1\nimport keras\n",
        0,
        "bad encoding declaration: the file starts with a UTF-8 byte order mark but its "
        "coding comment names another encoding",
    ),
    "syntax3.py": (
        b"from keras.layers import merge\nx = merge([a, b], mode='sum')\ny = (1,\nz = 2\n",
        4,
        "neither Python 3 nor Python 2: Python 2 parser: bad input '='",
    ),
    "syntax2.py": (
        b"from keras.layers import merge\nprint 'building'\nx = merge([a, b], mode='sum') +\n",
        3,
        "neither Python 3 nor Python 2: Python 2 parser: bad input '\\n'",
    ),
}


def fault_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "project"
    tree.mkdir()
    for name, (data, _, _) in FAULTS.items():
        (tree / name).write_bytes(data)
    return tree


def assert_reported(found: list[tuple[str, int, str]], expected: dict) -> None:
    assert sorted(found) == sorted((name, line, msg) for name, (_, line, msg) in expected.items())


def test_faults_reported_and_files_untouched(tmp_path):
    tree = fault_tree(tmp_path)
    (tree / "good.py").write_text(MERGE)
    before = {p.name: state(p) for p in tree.iterdir() if p.name != "good.py"}
    run = migrate(tree)
    assert_reported(errors(run), FAULTS)
    assert sorted(Path(f.path).name for f in run.failed) == sorted(FAULTS)
    assert {p.name: state(p) for p in tree.iterdir() if p.name != "good.py"} == before
    assert (tree / "good.py").read_text() == MERGE_AFTER  # the others did not stop the run


def test_cli_faults_exit_4(tmp_path):
    tree = fault_tree(tmp_path)
    before = {p.name: state(p) for p in tree.iterdir()}
    done = keras_migrate("migrate", "project", cwd=tmp_path)
    assert done.returncode == 4, done.stdout + done.stderr
    for name, (_, line, message) in FAULTS.items():
        where = f"project/{name}:{line}:" if line else f"project/{name} error"
        assert any(where in out and message in out for out in done.stdout.splitlines()), name
    assert f"{len(FAULTS)} files scanned: 0 migrated, 0 unchanged, {len(FAULTS)} failed" in (
        done.stdout
    )
    assert {p.name: state(p) for p in tree.iterdir()} == before


class BreakOutput(Pass):
    """Test pass: turns every call into code that does not parse."""

    id = "break-output"

    def leave_Call(self, original, updated):
        return cst.Name("def")  # a keyword: each node is valid, the code is not


@pytest.mark.parametrize(
    "source,line",
    [
        (MERGE, 2),
        # no Keras name is dropped here, so only the regenerated statements are checked: the
        # error still carries its line in the file, not in the statement
        ("import keras\n\nx = 1\ny = keras.layers.Dense(3)\n", 4),
    ],
    ids=["whole-output-checked", "regenerated-statements-checked"],
)
def test_output_that_would_not_parse_is_reported_at_its_line_and_not_written(
    tmp_path, source, line
):
    f = tmp_path / "f.py"
    f.write_text(source)
    run = migrate(f, passes=[BreakOutput])
    message = f"internal error, output does not parse: invalid syntax (<unknown>, line {line})"
    assert errors(run) == [("f.py", line, message)]
    assert f.read_text() == source


def test_cli_output_that_would_not_parse_exit_4(tmp_path):
    (tmp_path / "breaker.py").write_text(
        "import libcst as cst\nfrom migrate.passes import Pass\n\n"
        "class BreakOutput(Pass):\n    id = 'break-output'\n\n"
        "    def leave_Call(self, original, updated):\n"
        "        return cst.Name('def')\n"
    )
    (tmp_path / "f.py").write_text(MERGE)
    done = keras_migrate("migrate", "f.py", "--load", "breaker:BreakOutput", cwd=tmp_path)
    assert done.returncode == 4, done.stdout + done.stderr
    assert (
        "f.py:2:0 error [engine] internal error, output does not parse: invalid syntax"
        in done.stdout
    )
    assert (tmp_path / "f.py").read_text() == MERGE


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_called_py_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "good.py").write_text(MERGE)
    done = keras_migrate("migrate", ".", cwd=tmp_path)  # the 120 s timeout guards a hang
    assert done.returncode == 4, done.stdout + done.stderr
    assert "pipe.py error [engine] cannot read: not a regular file (a named pipe)" in done.stdout
    assert (tmp_path / "good.py").read_text() == MERGE_AFTER


def test_dangling_symlink_reported(tmp_path):
    (tmp_path / "gone.py").symlink_to("nowhere.py")
    run = migrate(tmp_path)
    assert errors(run) == [("gone.py", 0, "cannot read: No such file or directory")]
    assert os.readlink(tmp_path / "gone.py") == "nowhere.py"


@pytest.mark.skipif(ROOT, reason=AS_ROOT)
def test_unreadable_file_reported(tmp_path):
    f = tmp_path / "secret.py"
    f.write_text(MERGE)
    f.chmod(0o200)
    try:
        run = migrate(f)
        assert errors(run) == [("secret.py", 0, "cannot read: Permission denied")]
    finally:
        f.chmod(0o600)
    assert f.read_text() == MERGE


def test_folder_named_py_is_walked_not_read(tmp_path):
    (tmp_path / "pkg.py").mkdir()
    (tmp_path / "pkg.py" / "m.py").write_text(MERGE)
    run = migrate(tmp_path)
    assert errors(run) == []
    assert (tmp_path / "pkg.py" / "m.py").read_text() == MERGE_AFTER


def test_read_refuses_a_folder(tmp_path):
    with pytest.raises(SourceError, match=r"^cannot read: (not a regular file \(a folder\)|Is a)"):
        read(tmp_path)


# permissions -------------------------------------------------------------------------------


@pytest.mark.skipif(ROOT, reason=AS_ROOT)
def test_read_only_file_not_replaced(tmp_path):
    # the atomic rename needs only the folder writable: without a check it would replace a
    # file its owner made read-only
    f = tmp_path / "ro.py"
    f.write_text(MERGE)
    f.chmod(0o444)
    run = migrate(f)
    assert errors(run) == [("ro.py", 0, f"cannot write {f.resolve()}: the file is read-only")]
    assert state(f) == (MERGE.encode(), 0o444)


def test_unwritable_file_reported(tmp_path, lock):
    f = tmp_path / "locked.py"
    f.write_text(MERGE)
    f.chmod(0o640)
    lock(f)
    run = migrate(f)
    assert errors(run) == [("locked.py", 0, f"cannot write {f.resolve()}: the file is read-only")]
    assert state(f) == (MERGE.encode(), 0o640 if ROOT else 0o440)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.py"]


def test_unwritable_folder_reported(tmp_path, lock):
    d = tmp_path / "src"
    d.mkdir()
    f = d / "m.py"
    f.write_text(MERGE)
    f.chmod(0o644)
    lock(d)
    run = migrate(d)
    (message,) = [m for _, _, m in errors(run)]
    denied = "Operation not permitted" if ROOT else "Permission denied"
    assert message == f"cannot write {f.resolve()}: {denied}"
    assert state(f) == (MERGE.encode(), 0o644)
    assert sorted(p.name for p in d.iterdir()) == ["m.py"]


def test_cli_unwritable_file_exit_4(tmp_path, lock):
    f = tmp_path / "locked.py"
    f.write_text(MERGE)
    lock(f)
    before = state(f)
    done = keras_migrate("migrate", "locked.py", cwd=tmp_path)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "locked.py error [engine] cannot write" in done.stdout
    assert "the file is read-only" in done.stdout
    assert state(f) == before


def test_write_atomic_keeps_mode_and_replaces_whole(tmp_path):
    f = tmp_path / "f.py"
    f.write_bytes(b"old")
    write_atomic(f, b"new content", 0o755)
    assert state(f) == (b"new content", 0o755)


# symlinks out of the tree -------------------------------------------------------------------


def test_symlinks_out_of_the_tree_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "theirs.py").write_text(MERGE)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "mine.py").write_text(MERGE)
    (tree / "link.py").symlink_to(outside / "theirs.py")
    (tree / "linked_dir").symlink_to(outside, target_is_directory=True)
    run = migrate(tree)
    assert [Path(f.path).name for f in run.files] == ["mine.py"]
    assert (outside / "theirs.py").read_text() == MERGE
    assert (tree / "mine.py").read_text() == MERGE_AFTER
    done = keras_migrate("migrate", "-q", "tree", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 file scanned: 0 migrated, 1 unchanged" in done.stdout
    assert (outside / "theirs.py").read_text() == MERGE


def test_symlink_loop_skipped(tmp_path):
    (tmp_path / "loop.py").symlink_to("loop.py")
    (tmp_path / "good.py").write_text(MERGE)
    run = migrate(tmp_path)
    assert [Path(f.path).name for f in run.files] == ["good.py"]


# the run itself cannot start -----------------------------------------------------------------


def test_missing_path(tmp_path):
    with pytest.raises(RunError, match=r"nope\.py: no such file or directory$"):
        migrate(tmp_path / "nope.py")
    done = keras_migrate("migrate", "nope.py", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "keras-migrate: error: nope.py: no such file or directory\n"


def test_cli_output_folder_that_is_a_file_exit_4(tmp_path):
    (tmp_path / "f.py").write_text(MERGE)
    (tmp_path / "out").write_text("a file")
    done = keras_migrate("migrate", "f.py", "--output", "out/new", cwd=tmp_path)
    assert done.returncode == 4
    assert (
        done.stderr == "keras-migrate: error: cannot write to --output out/new: Not a directory\n"
    )
    assert (tmp_path / "f.py").read_text() == MERGE
    assert (tmp_path / "out").read_text() == "a file"


def test_cli_unwritable_output_folder_exit_4(tmp_path, lock):
    (tmp_path / "f.py").write_text(MERGE)
    out = tmp_path / "out"
    out.mkdir()
    lock(out)
    done = keras_migrate("migrate", "f.py", "--output", "out", cwd=tmp_path)
    assert done.returncode == 4
    denied = "Operation not permitted" if ROOT else "Permission denied"
    assert done.stderr == f"keras-migrate: error: cannot write to --output out: {denied}\n"
    assert list(out.iterdir()) == []
    assert (tmp_path / "f.py").read_text() == MERGE


class ReturnsNone(Pass):
    """Test pass: a statement hook that forgets to return the statement."""

    id = "returns-none"

    def leave_SimpleStatementLine(self, original, updated):
        return None


class FailsAtTheEnd(Pass):
    """Test pass: fails in the finisher it registers, after the walk."""

    id = "fails-at-the-end"

    def leave_Module(self, original, updated):
        self.ctx.finishers.append((self.id, self.finish))
        return updated

    def finish(self, module, used):
        raise RuntimeError("boom")


@pytest.mark.parametrize(
    "kind, message",
    [
        (
            ReturnsNone,
            "internal error in pass returns-none: TypeError: SimpleStatementLine came back as NoneType",
        ),
        (FailsAtTheEnd, "internal error in pass fails-at-the-end: RuntimeError: boom"),
    ],
)
def test_a_pass_that_breaks_costs_its_file_only(tmp_path, kind, message):
    f = tmp_path / "f.py"
    f.write_text(MERGE)
    run = migrate(f, passes=[kind])
    assert [(name, text.split(";")[0]) for name, _, text in errors(run)] == [("f.py", message)]
    assert f.read_text() == MERGE
