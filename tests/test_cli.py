"""The command line: every command and option through typer's CliRunner, and the installed
`keras-migrate` script and `python -m migrate` as real processes (exit codes, standard input,
output trees, configuration, plugins, progress and Ctrl-C)."""

from __future__ import annotations

import json
import os
import pty
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate.run import GitIgnore, parse_gitignore, walk

SCRIPT = Path(sys.executable).with_name("keras-migrate")

KERAS1 = """\
from keras.layers import Input, Dense, merge
a = Input(shape=(4,))
b = Input(shape=(4,))
x = merge([a, b], mode='concat')
"""
KERAS2 = """\
from keras.layers import Input, Dense, concatenate
a = Input(shape=(4,))
b = Input(shape=(4,))
x = concatenate([a, b])
"""
DIFF = """\
--- a/{path}
+++ b/{path}
@@ -1,4 +1,4 @@
-from keras.layers import Input, Dense, merge
+from keras.layers import Input, Dense, concatenate
 a = Input(shape=(4,))
 b = Input(shape=(4,))
-x = merge([a, b], mode='concat')
+x = concatenate([a, b])
"""
MANUAL = """\
from keras.layers import BatchNormalization
e = BatchNormalization(mode=1, axis=1)
"""
MANUAL_LINE = (
    "  {path}:2:5 manual [layers V-12] BatchNormalization(mode=1) has no Keras 2 equivalent here"
)
BROKEN = "from keras.layers import merge\nx = merge([a, b], mode='concat'\n"
PLAIN = "import os\nprint(os.sep)\n"
SUMMARY_TAIL = "target 2.15; Keras 1 image ordering 'tf' (from Keras 1.2.2 default)\n"

PLUGIN = """
import libcst as cst
from migrate import Pass, Kind

class ShoutPass(Pass):
    id = "shout"
    summary = "Rename shout() to SHOUT()"
    rows = ("X-900",)

    def leave_Call(self, original, updated):
        if isinstance(updated.func, cst.Name) and updated.func.value == "shout":
            self.ctx.report("X-900", Kind.REWRITE, "shout() -> SHOUT()")
            return updated.with_changes(func=cst.Name("SHOUT"))
        return updated
"""


@pytest.fixture(autouse=True)
def hermetic(tmp_path, monkeypatch):
    """No ~/.keras/keras.json, no pyproject.toml above the test's files, and cwd in tmp."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "no-keras-home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)


def cli(*args: str, input: str | None = None):
    from migrate.cli import app

    return CliRunner().invoke(app, list(args), input=input, prog_name="keras-migrate")


def proc(*args: str, input: str | None = None, cwd=None, env=None, module=False):
    command = [sys.executable, "-m", "migrate"] if module else [str(SCRIPT)]
    return subprocess.run(
        command + list(args),
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def write(path: Path, text: str, mode: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mode is not None:
        path.chmod(mode)
    return path


# diff / check / migrate ----------------------------------------------------------------------


def test_diff_prints_the_unified_diff_and_writes_nothing(tmp_path):
    write(tmp_path / "model.py", KERAS1)
    r = cli("diff", "model.py")
    assert r.exit_code == 1
    assert r.stdout == DIFF.format(path="model.py") + (
        "\n1 file scanned: 1 would change, 0 unchanged, 0 failed; 1 rewrite, 0 warnings, "
        "0 manual items.\nrewrites by pass: merge 1\n" + SUMMARY_TAIL
    )
    assert (tmp_path / "model.py").read_text() == KERAS1


def test_verbose_lists_every_rewrite_and_quiet_only_the_summary(tmp_path):
    write(tmp_path / "model.py", KERAS1)
    verbose = cli("check", "model.py", "--verbose").stdout
    assert verbose.splitlines()[:2] == [
        "model.py  would change: 1 rewrite",
        "  4:5 rewrite [merge M-05] merge(mode='concat') -> concatenate()",
    ]
    assert "4:5 rewrite" not in cli("check", "model.py").stdout
    assert cli("check", "model.py", "-q").stdout == (
        "1 file scanned: 1 would change, 0 unchanged, 0 failed; 1 rewrite, 0 warnings, "
        "0 manual items.\n"
    )
    both = cli("check", "model.py", "-q", "-v")
    assert both.exit_code == 2 and "choose one of --quiet and --verbose" in both.stderr


def test_manual_items_come_last_with_file_line(tmp_path):
    write(tmp_path / "a.py", KERAS1)
    write(tmp_path / "b.py", MANUAL)
    write(tmp_path / "c.py", MANUAL)
    out = cli("check", ".").stdout.splitlines()
    assert out[:3] == ["a.py  would change: 1 rewrite", "", "Needs a person (2)"]
    assert out[3] == MANUAL_LINE.format(path="b.py")
    assert out[4].startswith("      what to do: mode=1 normalised each sample")
    assert out[5:7] == [MANUAL_LINE.format(path="c.py"), "      what to do: as for V-12 above"]


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"ok.py": PLAIN, "k2.py": KERAS2}, 0),
        ({"k1.py": KERAS1, "man.py": MANUAL}, 1),
        ({"man.py": MANUAL, "ok.py": PLAIN}, 3),
        ({"bad.py": BROKEN, "k1.py": KERAS1}, 4),
    ],
)
def test_check_exit_codes(tmp_path, files, code):
    for name, text in files.items():
        write(tmp_path / name, text)
    assert cli("check", ".").exit_code == code
    assert proc("check", ".", cwd=tmp_path).returncode == code
    assert all((tmp_path / n).read_text() == t for n, t in files.items())


def test_usage_errors_exit_2(tmp_path):
    write(tmp_path / "k1.py", KERAS1)
    for args, message in [
        (("check", "missing.py"), "keras-migrate: error: missing.py: no such file or directory"),
        (("check", "k1.py", "--target", "3.0"), "unknown target '3.0'"),
        (("check", "k1.py", "--image-dim-ordering", "xy"), "image_dim_ordering must be"),
        (("check", "k1.py", "--report", "r.txt"), "cannot tell the report format"),
        (("check", "k1.py", "-"), "cannot be mixed"),
        (("migrate", "-", "--output", "out"), "--output needs files or folders"),
        (("explain", "NOPE-1"), "no pass or catalogue row 'NOPE-1'"),
    ]:
        r = cli(*args)
        assert r.exit_code == 2, args
        assert message in r.stderr, (args, r.stderr)
    assert cli("check", "k1.py", "--jobs", "0").exit_code == 2
    assert cli("check", "k1.py", "--frobnicate").exit_code == 2
    r = proc("check", "k1.py", "--frobnicate", cwd=tmp_path)
    assert r.returncode == 2 and "No such option: --frobnicate" in r.stderr


def test_migrate_in_place_keeps_the_mode_and_leaves_unchanged_files_alone(tmp_path):
    k1 = write(tmp_path / "src" / "k1.py", KERAS1, 0o751)
    plain = write(tmp_path / "src" / "plain.py", PLAIN)
    before = plain.stat().st_mtime_ns
    time.sleep(0.01)
    r = cli("migrate", "src")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "src/k1.py  migrated: 1 rewrite"
    assert k1.read_text() == KERAS2
    assert stat.S_IMODE(k1.stat().st_mode) == 0o751
    assert plain.stat().st_mtime_ns == before
    assert cli("check", "src").exit_code == 0  # a second run finds nothing


def test_migrate_exit_3_when_manual_work_is_left(tmp_path):
    write(tmp_path / "k1.py", KERAS1)
    write(tmp_path / "man.py", MANUAL)
    assert cli("migrate", ".").exit_code == 3
    assert (tmp_path / "k1.py").read_text() == KERAS2


def test_failed_file_is_reported_and_left_untouched(tmp_path):
    write(tmp_path / "bad.py", BROKEN)
    r = cli("migrate", "bad.py")
    assert r.exit_code == 4
    assert "Needs a person (1)\n  bad.py:3:1 error [engine]" in r.stdout
    assert (tmp_path / "bad.py").read_text() == BROKEN


def test_select_and_ignore(tmp_path):
    text = KERAS1 + "model.fit(x, y, nb_epoch=3)\n"
    write(tmp_path / "m.py", text)
    out = cli("diff", "m.py", "--select", "merge").stdout
    assert "+x = concatenate([a, b])" in out and "epochs" not in out
    out = cli("diff", "m.py", "--ignore", "M-05").stdout
    assert "+model.fit(x, y, epochs=3)" in out and "concatenate" not in out
    assert cli("check", "m.py", "--select", "merge,M-05", "--ignore", "merge").exit_code == 0


def test_results_are_in_a_stable_order_whatever_the_jobs(tmp_path):
    for i in range(12):
        write(tmp_path / f"d{i % 3}" / f"m{i}.py", KERAS1 if i % 2 else MANUAL)
    serial = cli("diff", ".", "--jobs", "1")
    parallel = proc("diff", ".", "--jobs", "2", cwd=tmp_path)
    assert parallel.returncode == serial.exit_code == 1
    assert parallel.stdout == serial.stdout
    paths = [line[6:] for line in serial.stdout.splitlines() if line.startswith("+++ b/")]
    assert paths == sorted(paths) and len(paths) == 6


# standard input ------------------------------------------------------------------------------


def test_stdin(tmp_path):
    r = cli("migrate", "-", input=KERAS1)
    assert r.exit_code == 0
    assert r.stdout == KERAS2
    assert r.stderr.splitlines()[0] == "<stdin>  migrated: 1 rewrite"
    r = cli("diff", "-", input=KERAS1)
    assert r.exit_code == 1 and r.stdout.startswith(DIFF.format(path="<stdin>"))
    assert cli("check", "-", input=MANUAL).exit_code == 3
    assert cli("check", "-", input=PLAIN).exit_code == 0
    r = cli("migrate", "-", input=BROKEN)
    assert r.exit_code == 4 and r.stdout == BROKEN  # a failure passes the input through


def test_stdin_as_a_process_keeps_crlf_and_encoding():
    source = KERAS1.replace("\n", "\r\n").encode()
    r = subprocess.run([str(SCRIPT), "migrate", "-"], input=source, capture_output=True, timeout=60)
    assert r.returncode == 0
    assert r.stdout == KERAS2.replace("\n", "\r\n").encode()
    latin = b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + KERAS1.encode()
    r = subprocess.run([str(SCRIPT), "migrate", "-"], input=latin, capture_output=True, timeout=60)
    assert r.stdout == b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + KERAS2.encode()


# output tree ---------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    write(root / "pkg" / "model.py", KERAS1, 0o640)
    write(root / "pkg" / "plain.py", PLAIN)
    write(root / "train.py", KERAS1, 0o755)
    write(root / "data" / "labels.csv", "a,b\n", 0o600)
    write(root / ".gitignore", "build/\n*.log\n!keep.log\n")
    write(root / "build" / "gen.py", KERAS1)
    write(root / "run.log", "x\n")
    write(root / "keep.log", "y\n")
    write(root / ".cache" / "x.py", KERAS1)
    write(root / "env" / "pyvenv.cfg", "home = /usr\n")
    write(root / "env" / "lib.py", KERAS1)
    write(root / "fixtures" / "old.py", KERAS1)


def snapshot(root: Path) -> dict:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_output_tree(tmp_path):
    make_tree(tmp_path / "src")
    before = snapshot(tmp_path / "src")
    r = cli("migrate", "src", "--output", "out", "--exclude", "fixtures")
    assert r.exit_code == 0, r.output
    assert snapshot(tmp_path / "src") == before  # the input is never touched
    out = snapshot(tmp_path / "out")
    assert sorted(out) == [
        ".gitignore",
        "data/labels.csv",
        "fixtures/old.py",
        "keep.log",
        "pkg/model.py",
        "pkg/plain.py",
        "train.py",
    ]
    assert out["pkg/model.py"] == (KERAS2.encode(), 0o640)
    assert out["train.py"] == (KERAS2.encode(), 0o755)
    assert out["fixtures/old.py"] == (KERAS1.encode(), before["fixtures/old.py"][1])  # excluded
    assert out["data/labels.csv"] == before["data/labels.csv"]
    assert out["pkg/plain.py"] == before["pkg/plain.py"]
    assert r.stdout.splitlines()[:2] == [
        "src/pkg/model.py  migrated: 1 rewrite",
        "src/train.py  migrated: 1 rewrite",
    ]


def test_output_tree_of_several_inputs_gets_one_folder_each(tmp_path):
    write(tmp_path / "a" / "m.py", KERAS1)
    write(tmp_path / "b" / "m.py", KERAS1)
    write(tmp_path / "one.py", KERAS1)
    assert cli("migrate", "a", "b", "one.py", "-o", "out").exit_code == 0
    assert sorted(snapshot(tmp_path / "out")) == ["a/m.py", "b/m.py", "one.py"]


def test_output_refusals_touch_nothing(tmp_path):
    make_tree(tmp_path / "src")
    before = snapshot(tmp_path)
    for args, message in [
        (("src", "-o", "src/out"), "--output src/out is inside the input src"),
        (("src", "-o", "src"), "--output src is inside the input src"),
        (("src/pkg", "-o", "src"), "--output src contains the input src/pkg"),
        (("src/train.py", "-o", "src"), "would overwrite the input src/train.py"),
    ]:
        r = cli("migrate", *args)
        assert r.exit_code == 2, args
        assert message in r.stderr
    assert snapshot(tmp_path) == before


def test_unwritable_output_exits_4_and_loses_nothing(tmp_path):
    make_tree(tmp_path / "src")
    write(tmp_path / "afile", "not a folder\n")
    before = snapshot(tmp_path)
    r = cli("migrate", "src", "-o", "afile/out")
    assert r.exit_code == 4
    assert r.stderr == "keras-migrate: error: cannot write to --output afile/out: Not a directory\n"
    r = proc("migrate", "src", "-o", "afile", cwd=tmp_path)
    assert r.returncode == 4
    assert "cannot write to --output afile: it exists and is not a folder" in r.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_exits_4(tmp_path):
    write(tmp_path / "src" / "m.py", KERAS1)
    (tmp_path / "ro").mkdir(mode=0o555)
    r = cli("migrate", "src", "-o", "ro")
    assert r.exit_code == 4 and "cannot write to --output ro: Permission denied" in r.stderr


# discovery -----------------------------------------------------------------------------------


def test_gitignore_rules():
    rules = parse_gitignore(
        "# c\n*.pyc\n/top.py\ndocs/*.py\na/**/b.py\ncache/\n!keep.pyc\n\\#x.py\n"
    )
    assert [(r.negate, r.dir_only, r.anchored) for r in rules] == [
        (False, False, False),
        (False, False, True),
        (False, False, True),
        (False, False, True),
        (False, True, False),
        (True, False, False),
        (False, False, False),
    ]
    assert rules[0].regex.match("x.pyc") and not rules[0].regex.match("x.py")
    assert rules[2].regex.match("docs/x.py") and not rules[2].regex.match("docs/sub/x.py")
    assert rules[3].regex.match("a/b.py") and rules[3].regex.match("a/x/y/b.py")
    assert rules[6].regex.match("#x.py")


def test_discovery_skips_gitignored_hidden_and_virtualenvs(tmp_path):
    make_tree(tmp_path)
    write(tmp_path / "sub" / ".gitignore", "*.py\n!kept.py\n")
    write(tmp_path / "sub" / "gone.py", KERAS1)
    write(tmp_path / "sub" / "kept.py", KERAS1)
    write(tmp_path / "top.py", KERAS1)
    found = [(rel.as_posix(), skip) for _, rel, skip in walk(tmp_path, ["fixtures"])]
    assert found == [
        (".gitignore", False),
        ("data/labels.csv", False),
        ("fixtures/old.py", True),
        ("keep.log", False),
        ("pkg/model.py", False),
        ("pkg/plain.py", False),
        ("sub/.gitignore", False),
        ("sub/kept.py", False),
        ("top.py", False),
        ("train.py", False),
    ]


def test_gitignore_above_the_given_folder_applies_up_to_the_repository_root(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / ".gitignore", "generated/\n")
    write(tmp_path / ".gitignore", "*.py\n")  # outside the repository: not read
    write(tmp_path / "repo" / "src" / "generated" / "g.py", KERAS1)
    write(tmp_path / "repo" / "src" / "m.py", KERAS1)
    ignore = GitIgnore(tmp_path / "repo" / "src")
    assert ignore.ignored(tmp_path / "repo" / "src" / "generated", True)
    assert not ignore.ignored(tmp_path / "repo" / "src" / "m.py", False)
    r = cli("check", "repo/src", "-q")
    assert r.stdout.startswith("1 file scanned: 1 would change")


def test_exclude_globs_and_explicit_files(tmp_path):
    write(tmp_path / "src" / "a.py", KERAS1)
    write(tmp_path / "src" / "gen" / "b.py", KERAS1)
    write(tmp_path / "src" / "c_pb2.py", KERAS1)
    out = cli("check", "src", "--exclude", "src/gen", "--exclude", "*_pb2.py", "-q").stdout
    assert out.startswith("1 file scanned: 1 would change")
    assert cli("check", "src/c_pb2.py", "--exclude", "*_pb2.py", "-q").stdout.startswith(
        "0 files scanned"
    )


# configuration -------------------------------------------------------------------------------


def test_config_from_pyproject_and_command_line_override(tmp_path):
    text = KERAS1 + "model.fit(x, y, nb_epoch=3)\n"
    write(tmp_path / "proj" / "src" / "m.py", text)
    write(tmp_path / "proj" / "src" / "skip" / "s.py", text)
    write(
        tmp_path / "proj" / "pyproject.toml",
        '[project]\nname = "p"\n\n[tool.keras-migrate]\ntarget = "2.2"\nselect = ["merge"]\n'
        'exclude = ["src/skip"]\njobs = 1\nimage-dim-ordering = "th"\n',
    )
    r = cli("diff", "proj/src", "--report", "r.json")
    assert r.exit_code == 1
    assert "+x = concatenate([a, b])" in r.stdout and "epochs" not in r.stdout
    assert "s.py" not in r.stdout
    assert "target 2.2; Keras 1 image ordering 'th' (from option)" in r.stdout
    meta = json.loads((tmp_path / "r.json").read_text())["meta"]
    assert meta["target"] == "2.2" and meta["image_ordering"] == "th"
    assert meta["options"]["config"] == str(tmp_path / "proj" / "pyproject.toml")
    assert meta["options"]["select"] == ["merge"] and meta["options"]["jobs"] == 1
    r = cli("diff", "proj/src", "--select", "training", "--target", "2.15")
    assert "+model.fit(x, y, epochs=3)" in r.stdout and "concatenate" not in r.stdout
    assert "target 2.15;" in r.stdout


def test_bad_config_is_a_usage_error(tmp_path):
    write(tmp_path / "m.py", KERAS1)
    write(tmp_path / "pyproject.toml", "[tool.keras-migrate]\ntargte = '2.2'\n")
    r = cli("check", "m.py")
    assert r.exit_code == 2
    assert "unknown key 'targte' in [tool.keras-migrate]" in r.stderr
    write(tmp_path / "pyproject.toml", "[tool.keras-migrate]\njobs = 'many'\n")
    assert "jobs must be a whole number" in cli("check", "m.py").stderr
    write(tmp_path / "pyproject.toml", "[tool.keras-migrate\n")
    r = cli("check", "m.py")
    assert r.exit_code == 2 and "cannot read" in r.stderr


def test_nearest_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.keras-migrate]\nselect = ['training']\n")
    write(tmp_path / "inner" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "inner" / "m.py", KERAS1)
    assert cli("check", "inner").exit_code == 0  # only the training pass runs: nothing to do


# reports -------------------------------------------------------------------------------------


def test_report_meta_and_sarif_rules(tmp_path):
    write(tmp_path / "src" / "m.py", KERAS1)
    write(tmp_path / "src" / "man.py", MANUAL)
    r = cli("check", "src", "--report", "r.json", "--jobs", "1", "--select", "merge,layers")
    assert r.exit_code == 1
    meta = json.loads((tmp_path / "r.json").read_text())["meta"]
    # the command line in canonical order: arguments, then options as the command lists them
    assert (
        meta["command"] == "keras-migrate check src --select merge,layers --jobs 1 --report r.json"
    )
    assert meta["target"] == "2.15"
    assert meta["image_ordering"] == "tf"
    assert meta["image_ordering_source"] == "Keras 1.2.2 default"
    assert meta["base"] == str(tmp_path)
    assert sorted(meta["passes"]) == ["layers", "merge"]
    assert meta["options"]["select"] == ["merge", "layers"]
    cli("check", "src", "--report", "r.sarif")
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    rules = {
        rule["id"]: rule["shortDescription"]["text"]
        for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
    }
    from codemods.layers import LayersPass

    assert rules == {"layers": LayersPass.summary}
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "src/man.py", "uriBaseId": "SRCROOT"}


def test_report_formats(tmp_path):
    write(tmp_path / "m.py", KERAS1)
    for name in ("r.md", "r.html"):
        assert cli("diff", "m.py", "--report", name).exit_code == 1
    assert "keras-migrate diff m.py --report r.md" in (tmp_path / "r.md").read_text()
    assert 'class="del"' in (tmp_path / "r.html").read_text()


# passes, explain, plugins --------------------------------------------------------------------


def test_passes_and_explain():
    r = cli("passes")
    assert r.exit_code == 0
    assert "merge" in r.stdout and "layers" in r.stdout
    r = cli("explain", "M-05")
    assert r.exit_code == 0
    assert r.stdout.startswith("merge: ")
    version = cli("--version")
    assert version.exit_code == 0 and version.stdout.startswith("keras-migrate ")


def test_explain_keeps_square_brackets():
    from codemods.merge import MergePass

    out = cli("explain", "merge").stdout
    assert MergePass.explanation.strip().splitlines()[0] in out
    example = next(line for line in MergePass.explanation.splitlines() if "[" in line)
    assert example.strip() in out


def test_load_a_pass_from_a_module(tmp_path, monkeypatch):
    write(tmp_path / "mypasses.py", PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    write(tmp_path / "m.py", "import keras\nshout('hi')\n")
    r = cli("migrate", "m.py", "--load", "mypasses:ShoutPass")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "m.py").read_text() == "import keras\nSHOUT('hi')\n"
    r = cli("passes", "--load", "mypasses:ShoutPass")
    assert "shout" in r.stdout and "X-900" in r.stdout
    # as a process, with the module in the working directory only
    write(tmp_path / "m.py", "import keras\nshout('hi')\n")
    r = proc("diff", "m.py", "--load", "mypasses:ShoutPass", "--verbose", cwd=tmp_path)
    assert r.returncode == 1
    assert "+SHOUT('hi')" in r.stdout and "rewrite [shout X-900] shout() -> SHOUT()" in r.stdout


def test_load_errors_exit_2(tmp_path):
    write(tmp_path / "m.py", KERAS1)
    write(tmp_path / "broken_plugin.py", "raise ImportError('needs tensorflow 0.12')\n")
    for spec, message in [
        ("nocolon", "expected MODULE:ATTRIBUTE"),
        ("no_such_module_x:P", "cannot import 'no_such_module_x'"),
        ("broken_plugin:P", "cannot import 'broken_plugin': needs tensorflow 0.12"),
        ("os:path", "not a keras-migrate Pass subclass"),
    ]:
        r = cli("check", "m.py", "--load", spec)
        assert r.exit_code == 2, spec
        assert message in r.stderr, (spec, r.stderr)


def install_entry_point(site: Path, name: str, value: str) -> None:
    info = site / f"{name}-1.0.dist-info"
    write(info / "METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    write(info / "entry_points.txt", f"[keras_migrate.passes]\n{name} = {value}\n")


def test_entry_point_plugin(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site / "shoutplugin.py", PLUGIN)
    install_entry_point(site, "shoutplugin", "shoutplugin:ShoutPass")
    write(tmp_path / "m.py", "import keras\nshout('hi')\n")
    monkeypatch.syspath_prepend(str(site))
    r = cli("diff", "m.py", "--verbose")
    assert r.exit_code == 1 and "+SHOUT('hi')" in r.stdout
    assert "shout" in cli("passes").stdout
    r = proc("diff", "m.py", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert r.returncode == 1 and "+SHOUT('hi')" in r.stdout


def test_entry_point_plugin_that_fails_to_import_exits_2(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site / "badplugin.py", "import tensorflow_zero_twelve\n")
    install_entry_point(site, "badplugin", "badplugin:Pass")
    write(tmp_path / "m.py", KERAS1)
    monkeypatch.syspath_prepend(str(site))
    for args in (("check", "m.py"), ("passes",), ("explain", "merge")):
        r = cli(*args)
        assert r.exit_code == 2, args
        assert r.stderr.startswith(
            "keras-migrate: error: plugin 'badplugin' (badplugin:Pass) failed to import: "
            "No module named 'tensorflow_zero_twelve'"
        )
    r = proc("check", "m.py", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert r.returncode == 2 and "plugin 'badplugin'" in r.stderr and "Traceback" not in r.stderr


# real processes ------------------------------------------------------------------------------


def test_python_dash_m_and_the_script_agree(tmp_path):
    write(tmp_path / "m.py", KERAS1)
    a = proc("diff", "m.py", cwd=tmp_path)
    b = proc("diff", "m.py", cwd=tmp_path, module=True)
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout == cli("diff", "m.py").stdout
    assert a.stderr == b.stderr == ""  # nothing extra when stderr is not a terminal
    r = proc("migrate", "-", input=KERAS1, module=True)
    assert r.returncode == 0 and r.stdout == KERAS2


def test_colour_only_on_request(tmp_path):
    write(tmp_path / "m.py", KERAS1)
    plain = proc("diff", "m.py", cwd=tmp_path, env={"NO_COLOR": ""})
    assert "\x1b[" not in plain.stdout
    forced = proc("diff", "m.py", cwd=tmp_path, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    off = proc("diff", "m.py", "--no-color", cwd=tmp_path, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" not in off.stdout and off.stdout == plain.stdout


def test_progress_bar_on_a_terminal(tmp_path):
    for i in range(6):
        write(tmp_path / f"m{i}.py", KERAS1)
    master, slave = pty.openpty()
    p = subprocess.Popen(
        [str(SCRIPT), "check", ".", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "NO_COLOR": ""},
    )
    os.close(slave)
    out, _ = p.communicate(timeout=120)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    assert p.returncode == 1
    assert b"keras-migrate" in err and b"6/6" in err
    assert out.decode().endswith(
        "6 files scanned: 6 would change, 0 unchanged, 0 failed; "
        "6 rewrites, 0 warnings, 0 manual items.\nrewrites by pass: "
        "merge 6\n" + SUMMARY_TAIL
    )


def test_ctrl_c_stops_cleanly(tmp_path):
    samples = Path(__file__).parent.parent / "samples" / "keras1"
    for i in range(12):
        for sample in samples.glob("*.py"):
            write(tmp_path / f"d{i}" / sample.name, sample.read_text())
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.py")}
    p = subprocess.Popen(
        [str(SCRIPT), "migrate", ".", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline and all(q.read_bytes() == b for q, b in before.items()):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130
    assert err.decode() == (
        "keras-migrate: interrupted; the files written so far are complete (writes are atomic)\n"
    )
    assert "Traceback" not in out.decode()
    changed = [q for q, b in before.items() if q.read_bytes() != b]
    assert 0 < len(changed) < len(before)
    for q in changed:  # every written file is a whole migration: it parses, it is idempotent
        r = cli("check", str(q), "-q")
        assert r.exit_code in (0, 3), q
    assert not [q for q in tmp_path.rglob("*") if q.name.endswith(".tmp")]


def test_pre_commit_hooks_file():
    text = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text()
    assert (
        textwrap.dedent(
            """\
        - id: keras-migrate
          name: keras-migrate check
        """
        )
        in text
    )
    assert "  entry: keras-migrate check\n" in text and "  entry: keras-migrate migrate\n" in text
    assert text.count("types_or: [python, jupyter]") == 2


def test_a_file_that_cannot_be_written_fails_alone(tmp_path):
    make_tree(tmp_path / "src")
    write(tmp_path / "out" / "pkg", "a file where the folder should go\n")
    before = snapshot(tmp_path / "src")
    r = cli("migrate", "src", "-o", "out")
    assert r.exit_code == 4
    assert "  src/pkg/model.py error [engine] cannot write out/pkg/model.py: File exists" in (
        r.stdout
    )
    assert "  src/pkg/plain.py error [engine] cannot write out/pkg/plain.py: File exists" in (
        r.stdout
    )
    assert snapshot(tmp_path / "src") == before
    assert (tmp_path / "out" / "train.py").read_text() == KERAS2  # the rest is written


def test_a_todo_of_several_lines_stays_indented():
    from migrate.findings import Finding, Kind
    from migrate.result import FileResult, RunResult
    from migrate.terminal import console, show

    finding = Finding(3, 1, "p", "R-1", Kind.MANUAL, "rebuild it", "first\nsecond", "m.py")
    out = console(no_color=True)
    with out.capture() as captured:
        show(RunResult([FileResult("m.py", "x\n", "x\n", [finding])]), out, diffs=False)
    assert captured.get().startswith(
        "Needs a person (1)\n  m.py:3:1 manual [p R-1] rebuild it\n"
        "      what to do: first\n        second\n\n1 file scanned"
    )
