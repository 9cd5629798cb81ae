"""Report writers: JSON (schema), Markdown, HTML and SARIF on a hand-built run."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import jsonschema
import pytest

from migrate.findings import Finding, Kind
from migrate.reports import json_schema, markdown, render_report, write_report
from migrate.result import FileResult, RunResult

MODEL_BEFORE = """\
# <script>alert("x")</script> & co
from keras.layers import Dense, merge
x = Dense(10, init='glorot_normal')(inp)
y = merge([a, b], mode=lambda t: t[0] - t[1])
model.fit(x, y, nb_epoch=5)
"""
MODEL_AFTER = """\
# <script>alert("x")</script> & co
from keras.layers import Dense, merge
x = Dense(10, kernel_initializer='glorot_normal')(inp)
y = merge([a, b], mode=lambda t: t[0] - t[1])
model.fit(x, y, epochs=5)
"""
REWRITE = Finding(
    3, 5, "layer-kwargs", "K-01", Kind.REWRITE, "init -> kernel_initializer", path="model.py"
)
# path left empty on purpose: the writers fill it from the FileResult
MANUAL = Finding(
    4,
    5,
    "merge",
    "M-05",
    Kind.MANUAL,
    "merge() with a callable mode cannot be converted",
    todo="Replace it with a Lambda layer over the inputs.",
)
WARNING = Finding(
    5,
    1,
    "fit-kwargs",
    "T-03",
    Kind.WARNING,
    "nb_epoch renamed to epochs",
    todo="Check the epoch count <= 5 still fits.",
    path="model.py",
)
NOTEBOOK = Finding(
    3,
    1,
    "backend-functions",
    "B-10",
    Kind.MANUAL,
    "K.set_image_dim_ordering('th') has no Keras 2 equivalent",
    todo="Call K.set_image_data_format('channels_first').",
    path="nb.ipynb",
    cell=2,
)
META = {
    "target": "2.15",
    "command": "keras-migrate diff src",
    "options": {"jobs": 2},
    "image_ordering": "tf",
}


def make_run() -> RunResult:
    return RunResult(
        [
            FileResult("unchanged.py", "import os\n", "import os\n"),
            # Out of path order on purpose: reports sort files by path.
            FileResult("model.py", MODEL_BEFORE, MODEL_AFTER, [WARNING, MANUAL, REWRITE]),
            FileResult(
                "broken.py",
                "print 'hi'\n",
                "print 'hi'\n",
                error="SyntaxError: Missing parentheses in call to 'print' <line 1>",
            ),
            FileResult("nb.ipynb", "{}\n", "{}\n", [NOTEBOOK]),
        ]
    )


# JSON


def test_json_validates_and_counts_round_trip():
    data = json.loads(render_report(make_run(), "out.json", meta=META))
    jsonschema.Draft202012Validator.check_schema(json_schema())
    jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "keras-migrate"
    assert data["meta"] == META
    assert data["summary"] == {
        "files": 4,
        "changed": 1,
        "unchanged": 2,
        "failed": 1,
        "by_kind": {"rewrite": 1, "warning": 1, "manual": 2, "error": 0},
        "by_pass": {"backend-functions": 1, "fit-kwargs": 1, "layer-kwargs": 1, "merge": 1},
        "by_row": {"B-10": 1, "K-01": 1, "M-05": 1, "T-03": 1},
    }
    files = data["files"]
    assert [f["path"] for f in files] == ["broken.py", "model.py", "nb.ipynb", "unchanged.py"]
    # The per-file data gives back the summary.
    assert sum(f["changed"] for f in files) == 1
    assert sum(f["error"] is not None for f in files) == 1
    kinds = [x["kind"] for f in files for x in f["findings"]]
    assert {k: kinds.count(k) for k in data["summary"]["by_kind"]} == data["summary"]["by_kind"]
    model = files[1]
    assert model["diff"] == make_run().files[1].diff()
    assert "-x = Dense(10, init='glorot_normal')(inp)\n" in model["diff"]
    assert [(x["line"], x["column"], x["kind"]) for x in model["findings"]] == [
        (3, 5, "rewrite"),
        (4, 5, "manual"),
        (5, 1, "warning"),
    ]
    assert model["findings"][1] == {
        "path": "model.py",
        "cell": None,
        "line": 4,
        "column": 5,
        "pass": "merge",
        "row": "M-05",
        "kind": "manual",
        "message": "merge() with a callable mode cannot be converted",
        "todo": "Replace it with a Lambda layer over the inputs.",
    }
    assert files[2]["findings"][0]["cell"] == 2
    assert files[0]["error"].startswith("SyntaxError") and files[0]["diff"] == ""


def test_json_meta_keys_always_present():
    data = json.loads(render_report(RunResult(), "r.json", meta={"extra": 1}))
    jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)
    assert data["meta"] == {
        "target": None,
        "command": None,
        "options": {},
        "image_ordering": None,
        "extra": 1,
    }
    assert data["summary"]["files"] == 0 and data["files"] == []


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("summary"),
        lambda d: d.update(schema_version=2),
        lambda d: d["files"][1]["findings"][0].update(kind="oops"),
        lambda d: d["files"][1]["findings"][0].pop("row"),
        lambda d: d["summary"]["by_kind"].update(manual=-1),
    ],
)
def test_schema_rejects_broken_reports(breakage):
    data = json.loads(render_report(make_run(), "out.json", meta=META))
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema(), cls=jsonschema.Draft202012Validator)


# Dispatch


@pytest.mark.parametrize(
    "name, start",
    [
        ("r.json", '{\n  "schema_version": 1'),
        ("r.sarif", '{\n  "$schema"'),
        ("r.SARIF.json", '{\n  "$schema"'),
        ("r.md", "## keras-migrate report"),
        ("r.html", "<!DOCTYPE html>"),
    ],
)
def test_write_report_picks_format_by_suffix(tmp_path, name, start):
    path = tmp_path / name
    write_report(make_run(), path, meta=META)
    assert path.read_text(encoding="utf-8").startswith(start)


def test_unknown_suffix_raises_and_writes_nothing(tmp_path):
    path = tmp_path / "report.txt"
    with pytest.raises(
        ValueError, match=r"report\.txt.*\.json, \.md, \.html, \.sarif or \.sarif\.json"
    ):
        write_report(make_run(), path, meta=META)
    assert not path.exists()


# Markdown


def test_markdown_sections_and_items():
    md = render_report(make_run(), "pr.md", meta=META)
    assert "| Files | Changed | Unchanged | Failed | Rewrites | Warnings | Manual items |\n" in md
    assert "| 4 | 1 | 2 | 1 | 1 | 1 | 2 |" in md
    assert "target: `2.15` · command: `keras-migrate diff src` · image ordering: `tf`" in md
    manual_line = (
        "- [ ] `model.py:4:5` · M-05 · `merge` — merge() with a callable mode cannot"
        " be converted **To do:** Replace it with a Lambda layer over the inputs."
    )
    assert manual_line in md
    assert "- [ ] `nb.ipynb[cell 2]:3:1` · B-10 · `backend-functions`" in md
    assert (
        "- [ ] `broken.py` — could not be migrated: SyntaxError: Missing parentheses in call"
        " to 'print' &lt;line 1&gt;"
    ) in md
    assert (
        "- `model.py:5:1` · T-03 · `fit-kwargs` — nb_epoch renamed to epochs"
        " **To do:** Check the epoch count &lt;= 5 still fits."
    ) in md
    assert "<summary><code>model.py</code> — 1 rewrite, 1 warning, 1 manual</summary>" in md
    diff = make_run().files[1].diff()
    assert "```diff\n" + diff + "```\n" in md
    # Needs a person, then warnings, then diffs; manual items before the failed file.
    order = [
        md.index(s)
        for s in (
            "### Needs a person (3)",
            manual_line,
            "- [ ] `broken.py`",
            "### Warnings to review (1)",
            "### Changed files (1)",
            "<details>",
        )
    ]
    assert order == sorted(order)
    assert "unchanged.py" not in md
    assert md.count("<details>") == 1 and md.count("</details>") == 1


def test_markdown_caps_long_diffs():
    before = "".join(f"a{i} = {i}\n" for i in range(1000))
    run = RunResult(
        [
            FileResult("big.py", before, before.replace(" = ", "=")),
            FileResult("small.py", "x=1\n", "x = 1\n"),
        ]
    )
    md = render_report(run, "pr.md", meta={})
    big = md[md.index("```diff") : md.index("```\n", md.index("```diff") + 7)]
    assert len(big.splitlines()) == 1 + markdown.MAX_DIFF_LINES
    assert f"_Diff cut after {markdown.MAX_DIFF_LINES} of 2003 lines; run" in md
    assert "```diff\n--- a/small.py\n+++ b/small.py\n@@ -1 +1 @@\n-x=1\n+x = 1\n```" in md


def test_markdown_stays_under_github_body_limit():
    files = []
    for n in range(30):
        before = "".join(f"a{i} = {i}\n" for i in range(400))
        manual = [Finding(i + 1, 1, "p", "X-1", Kind.MANUAL, "fix it") for i in range(10)]
        files.append(FileResult(f"m{n:02}.py", before, before.replace(" = ", "="), manual))
    md = render_report(RunResult(files), "pr.md", meta={})
    assert len(md) < 65536
    shown = md.count("<details>")
    assert 0 < shown < 30
    assert f"_Diffs of {30 - shown} more changed files left out" in md
    assert "### Needs a person (300)" in md
    assert md.count("- [ ] ") == markdown.MAX_ITEMS
    assert f"- … and {300 - markdown.MAX_ITEMS} more: see the JSON or HTML report." in md


def test_markdown_fence_outlasts_backticks_in_code():
    run = RunResult([FileResult("doc.py", 's = """```"""\n', 's = """````"""\n')])
    md = render_report(run, "pr.md", meta={})
    assert '`````diff\n--- a/doc.py\n+++ b/doc.py\n@@ -1 +1 @@\n-s = """```"""\n' in md
    assert '+s = """````"""\n`````\n' in md


# HTML


class Rows(HTMLParser):
    """Collects every <tr> (attributes and text) and every id and href."""

    def __init__(self):
        super().__init__()
        self.rows, self.ids, self.hrefs, self.tags = [], set(), [], []
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a":
            self.hrefs.append(a["href"])
        if tag == "tr":
            self._row = dict(a, text="")
            self.rows.append(self._row)
        if tag == "td" and self._row is not None:
            self._row["text"] += "|"

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row["text"] += data


def parse(page: str) -> Rows:
    p = Rows()
    p.feed(page)
    return p


def test_html_diff_rows_and_findings_beside_lines():
    page = render_report(make_run(), "r.html", meta=META)
    rows = [
        r
        for r in parse(page).rows
        if r.get("class") in {"add", "del", "ctx", "gap"}
        or r.get("class", "").startswith("finding")
    ]
    model = [(r["class"], r.get("data-old"), r.get("data-new")) for r in rows[:10]]
    assert model == [
        ("ctx", "1", "1"),
        ("ctx", "2", "2"),
        ("del", "3", ""),
        ("finding rewrite", None, None),
        ("add", "", "3"),
        ("ctx", "4", "4"),
        ("finding manual", None, None),
        ("del", "5", ""),
        ("finding warning", None, None),
        ("add", "", "5"),
    ]
    assert rows[6]["data-line"] == "4" and rows[6]["data-row"] == "M-05"
    assert "merge() with a callable mode cannot be converted" in rows[6]["text"]
    assert "To do: Replace it with a Lambda layer over the inputs." in rows[6]["text"]
    assert (
        '<td class="code">x = Dense(10, kernel_initializer=&#x27;glorot_normal&#x27;)(inp)</td>'
    ) in page
    assert '<td class="num">3</td><td class="num"></td><td class="sign">-</td>' in page
    assert "To do: Check the epoch count &lt;= 5 still fits." in page


def test_html_escapes_user_text_and_is_self_contained():
    page = render_report(make_run(), "r.html", meta=META)
    assert "# &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "<script" not in page
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "<img" not in page and "@import" not in page
    assert "&lt;line 1&gt;</pre>" in page


def test_html_needs_a_person_links_and_other_sections():
    page = render_report(make_run(), "r.html", meta=META)
    p = parse(page)
    start = page.index('<section id="needs-a-person">')
    section = page[start : page.index("</section>", start)]
    assert section.index("M-05") < section.index("B-10") < section.index("broken.py")
    assert 'href="#file-1"' in section and 'href="#file-1-finding-1"' in section
    for href in p.hrefs:
        assert href[1:] in p.ids
    assert '<section class="file failed" id="file-0">' in page
    assert '<section class="file changed" id="file-1">' in page
    # The notebook finding cannot be matched to a line of the .ipynb text.
    other = [r for r in p.rows if r.get("id") == "file-2-finding-0"]
    assert other[0]["class"] == "finding manual"
    assert other[0]["text"].startswith("|cell 2, 3:1|manual B-10 backend-functions K.set_")
    assert "1 unchanged files without findings" in page and "unchanged.py" in page
    assert 'id="review"' in page and 'href="#file-1-finding-2"' in page


def test_html_finding_on_new_side_and_gaps():
    before = "".join(f"v{i} = {i}\n" for i in range(1, 21))
    after = before + "extra = 1\n"
    findings = [
        Finding(21, 1, "p", "X-1", Kind.WARNING, "added line"),
        Finding(2, 1, "p", "X-2", Kind.MANUAL, "far from the change"),
    ]
    page = render_report(
        RunResult([FileResult("f.py", before, after, findings)]), "r.html", meta={}
    )
    rows = [
        (r["class"], r.get("data-old") or r.get("data-line"), r["text"])
        for r in parse(page).rows
        if "class" in r
    ]
    assert rows == [
        ("ctx", "1", "|1|1| |v1 = 1"),
        ("ctx", "2", "|2|2| |v2 = 2"),
        ("finding manual", "2", "|↳|manual X-2 p far from the change"),
        ("ctx", "3", "|3|3| |v3 = 3"),
        ("ctx", "4", "|4|4| |v4 = 4"),
        ("gap", None, "|⋯ 13 unchanged lines"),
        ("ctx", "18", "|18|18| |v18 = 18"),
        ("ctx", "19", "|19|19| |v19 = 19"),
        ("ctx", "20", "|20|20| |v20 = 20"),
        ("add", None, "||21|+|extra = 1"),
        ("finding warning", "21", "|↳|warning X-1 p added line"),
    ]


# SARIF


def test_sarif_rules_levels_and_locations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = make_run()
    run.files.append(
        FileResult(
            "/elsewhere/x.py", "a\n", "a\n", [Finding(1, 0, "merge", "M-01", Kind.ERROR, "bad")]
        )
    )
    log = json.loads(render_report(run, "r.sarif", meta=META | {"base": str(tmp_path)}))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "keras-migrate"
    assert [(r["id"], r["properties"]["rows"]) for r in driver["rules"]] == [
        ("backend-functions", ["B-10"]),
        ("file-error", []),
        ("fit-kwargs", ["T-03"]),
        ("merge", ["M-01", "M-05"]),
    ]
    assert sarif_run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"
    results = sarif_run["results"]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    got = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]) for r in results]
    assert got == [
        (
            "merge",
            "error",
            {
                "artifactLocation": {"uri": "file:///elsewhere/x.py"},
                "region": {"startLine": 1, "startColumn": 1},
            },
        ),
        (
            "merge",
            "error",
            {
                "artifactLocation": {"uri": "model.py", "uriBaseId": "SRCROOT"},
                "region": {"startLine": 4, "startColumn": 5},
            },
        ),
        (
            "fit-kwargs",
            "warning",
            {
                "artifactLocation": {"uri": "model.py", "uriBaseId": "SRCROOT"},
                "region": {"startLine": 5, "startColumn": 1},
            },
        ),
        (
            "backend-functions",
            "error",
            {"artifactLocation": {"uri": "nb.ipynb", "uriBaseId": "SRCROOT"}},
        ),
        ("file-error", "error", {"artifactLocation": {"uri": "broken.py", "uriBaseId": "SRCROOT"}}),
    ]
    manual = results[1]
    assert manual["properties"] == {
        "row": "M-05",
        "kind": "manual",
        "todo": "Replace it with a Lambda layer over the inputs.",
    }
    assert manual["message"]["text"] == (
        "merge() with a callable mode cannot be converted"
        " To do: Replace it with a Lambda layer over the inputs."
    )
    assert results[3]["properties"]["cell"] == 2
    assert results[3]["message"]["text"].startswith("[cell 2, line 3] K.set_image_dim_ordering")
    assert results[4]["message"]["text"].startswith("SyntaxError: Missing parentheses")
    assert sarif_run["invocations"][0]["commandLine"] == "keras-migrate diff src"


def test_sarif_uses_pass_summaries_from_meta():
    log = json.loads(
        render_report(
            make_run(), "r.sarif.json", meta={"passes": {"merge": "Keras 1 merge() to layers"}}
        )
    )
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["merge"]["shortDescription"]["text"] == "Keras 1 merge() to layers"
    assert "layer-kwargs" not in rules  # rewrites are not results
