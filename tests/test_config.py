"""Configuration files: discovery, precedence, every validation error (exact text), and their effect on a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from loccit.linter.cli.main import main

ESSAY = "A claim.[^1] Glued[^2]on.\n\n[^1]: Source.\n[^2]: Other.\n[^3]: Unused.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essay.md").write_text(ESSAY, encoding="utf-8")
    return tmp_path


def codes(out: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]]


def pyproject(repo: Path, body: str) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "essays"\n\n[tool.loccit]\n' + body, encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'selct = ["N"]',
            'pyproject.toml: tool.loccit.selct: unknown key; did you mean "select"? (allowed: select, ignore, '
            "extend-select, per-file-ignores, exclude, include, severity, notes, bibliography-headings, "
            "notes-headings, page-style, min-score, max-file-size, bibliography, rules)",
        ),
        (
            'select = "N001"',
            'pyproject.toml: tool.loccit.select: must be an array of rule codes like ["N001", "B"], not a string',
        ),
        (
            "ignore = [6]",
            "pyproject.toml: tool.loccit.ignore: must be an array of rule codes like "
            '["N001", "B"], not an array with an integer',
        ),
        (
            'ignore = ["N0066"]',
            'pyproject.toml: tool.loccit.ignore: unknown rule code "N0066"; did you mean "N006"? '
            '(expected a rule code, a prefix such as "N" or "N00", or "ALL")',
        ),
        (
            'extend-select = ["unused-note"]',
            'pyproject.toml: tool.loccit.extend-select: "unused-note" is a rule name; use its code "N002"',
        ),
        (
            'notes = "numbered"',
            "pyproject.toml: tool.loccit.notes: must be one of footnote, numeric, auto, "
            'not "numbered"; did you mean "numeric"?',
        ),
        (
            'page-style = "chicago17"',
            "pyproject.toml: tool.loccit.page-style: must be one of consistent, "
            "chicago-17, chicago-18, turabian, mhra, "
            'oscola, not "chicago17"; did you mean "chicago-17"?',
        ),
        ("include = []", 'pyproject.toml: tool.loccit.include: must name at least one pattern, such as "*.md"'),
        ("min-score = 120", "pyproject.toml: tool.loccit.min-score: must be a number from 0 to 100, not 120"),
        ('min-score = "high"', "pyproject.toml: tool.loccit.min-score: must be a number from 0 to 100, not a string"),
        (
            'severity = { N006 = "fatal" }',
            'pyproject.toml: tool.loccit.severity.N006: must be one of error, warning, info, not "fatal"',
        ),
        ('severity = "error"', "pyproject.toml: tool.loccit.severity: must be a table, not a string"),
        (
            'per-file-ignores = { "drafts/*" = ["X1"] }',
            'pyproject.toml: tool.loccit.per-file-ignores.drafts/*: unknown rule code "X1" '
            '(expected a rule code, a prefix such as "N" or "N00", or "ALL")',
        ),
        (
            'bibliography = ["sources.md"]',
            'pyproject.toml: tool.loccit.bibliography: file "sources.md" does not exist (paths are relative to {root})',
        ),
        (
            "bibliography-headings = [1]",
            "pyproject.toml: tool.loccit.bibliography-headings: must be an array of "
            "heading names, not an array with an integer",
        ),
        (
            "[tool.loccit.rules.N004]\nfootnote_label = true",
            'pyproject.toml: tool.loccit.rules.N004.footnote_label: unknown option "footnote_label" for rule N004 '
            '(note-sequence); did you mean "footnote_labels"? (options: footnote_labels)',
        ),
        (
            "[tool.loccit.rules.N004]\nfootnote-labels = true",
            'pyproject.toml: tool.loccit.rules.N004.footnote-labels: unknown option "footnote-labels" for rule N004 '
            '(note-sequence); did you mean "footnote_labels"? (options: footnote_labels)',
        ),
        (
            '[tool.loccit.rules.N004]\nfootnote_labels = "yes"',
            'pyproject.toml: tool.loccit.rules.N004.footnote_labels: must be a boolean, not "yes"',
        ),
        (
            "[tool.loccit.rules.N001]\nignore_labels = []",
            'pyproject.toml: tool.loccit.rules.N001.ignore_labels: unknown option "ignore_labels" for rule N001 '
            "(undefined-note) (options: none)",
        ),
        (
            "[tool.loccit.rules.N0044]\nx = 1",
            'pyproject.toml: tool.loccit.rules.N0044: unknown rule code "N0044"; did '
            'you mean "N004"? (expected a rule code)',
        ),
        ("rules = 3", "pyproject.toml: tool.loccit.rules: must be a table, not an integer"),
        (
            "max-file-size = -1",
            'pyproject.toml: tool.loccit.max-file-size: must be a size in bytes, or a string such as "20 MB", not -1',
        ),
        (
            'max-file-size = "big"',
            "pyproject.toml: tool.loccit.max-file-size: must be a size in bytes, or a string such as "
            '"20 MB", not "big"',
        ),
        ('exclude = ["!"]', 'pyproject.toml: tool.loccit.exclude: invalid gitignore-style pattern "!"'),
        ('exclude = ["[z-a]"]', 'pyproject.toml: tool.loccit.exclude: invalid gitignore-style pattern "[z-a]"'),
        (
            'per-file-ignores = { "[z-a]" = ["N"] }',
            'pyproject.toml: tool.loccit.per-file-ignores: invalid gitignore-style pattern "[z-a]"',
        ),
        ("min-score = nan", "pyproject.toml: tool.loccit.min-score: must be a number from 0 to 100, not nan"),
        (
            "[tool.loccit.rules.B001]\nmin_score = nan",
            "pyproject.toml: tool.loccit.rules.B001.min_score: must be a number from 0 to 100, not nan",
        ),
        (
            "[tool.loccit.rules.B001]\nauthor_min_score = -1e308",
            "pyproject.toml: tool.loccit.rules.B001.author_min_score: must be a number from 0 to 100, not -1e+308",
        ),
        (
            "[tool.loccit.rules.B002]\nmin_cited_fraction = -0.5",
            "pyproject.toml: tool.loccit.rules.B002.min_cited_fraction: must be a number from 0 to 1, not -0.5",
        ),
        (
            "[tool.loccit.rules.B006]\nsame_work_min_score = inf",
            "pyproject.toml: tool.loccit.rules.B006.same_work_min_score: must be a number from 0 to 100, not inf",
        ),
    ],
)
def test_each_configuration_error_is_one_line_and_exit_two(repo: Path, body: str, message: str) -> None:
    pyproject(repo, body + "\n")
    code, out, err = run("check", "essay.md")
    assert (code, out) == (2, "")
    assert err == f"loccit: error: {message.format(root=repo)}\n"


def test_invalid_toml_names_the_file(repo: Path) -> None:
    (repo / "loccit.toml").write_text("select = [\n", encoding="utf-8")
    code, _, err = run("check", "essay.md")
    assert code == 2 and err.startswith("loccit: error: loccit.toml: invalid TOML: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[tool.loccit]\n# caf\xe9\n", "pyproject.toml: invalid TOML: not valid UTF-8 (byte 0xe9 at offset 19)"),
        (b"[tool.loccit]\nselect = " + b"[" * 5000 + b"]" * 5000, "pyproject.toml: invalid TOML: nested too deeply"),
    ],
)
def test_unparsable_configuration_is_one_line_and_exit_two(repo: Path, data: bytes, message: str) -> None:
    (repo / "pyproject.toml").write_bytes(data)
    code, out, err = run("check", "essay.md")
    assert (code, out, err) == (2, "", f"loccit: error: {message}\n")


def test_loccit_toml_keys_have_no_prefix(repo: Path) -> None:
    (repo / ".loccit.toml").write_text('ignore = ["N6"]\n', encoding="utf-8")
    assert run("check", "essay.md")[2] == (
        'loccit: error: .loccit.toml: ignore: unknown rule code "N6"; did you mean "N006"? '
        '(expected a rule code, a prefix such as "N" or "N00", or "ALL")\n'
    )


def test_config_is_validated_before_any_essay_is_read(repo: Path) -> None:
    (repo / "broken.md").write_bytes(b"caf\xe9\n")
    pyproject(repo, 'notes = "x"\n')
    code, out, err = run("check", ".")
    assert code == 2 and out == "" and "E001" not in err


def test_unknown_code_on_the_command_line(repo: Path) -> None:
    assert run("check", "--select", "N0001", "essay.md")[2].startswith(
        'loccit: error: command line: --select: unknown rule code "N0001"'
    )


def test_settings_apply(repo: Path) -> None:
    assert codes(run("check", "essay.md")[1]) == ["N006", "N002"]
    pyproject(repo, 'ignore = ["N002"]\nseverity = { N006 = "error" }\n')
    code, out, _ = run("check", "essay.md")
    assert codes(out) == ["N006"] and out.endswith("(1 error) in 1 file.\n")


def test_rule_options_reach_the_rule(repo: Path) -> None:
    (repo / "essay.md").write_text("One.[^2] Two.[^1]\n\n[^1]: A.\n[^2]: B.\n", encoding="utf-8")
    assert codes(run("check", "essay.md")[1]) == []
    pyproject(repo, "[tool.loccit.rules.N004]\nfootnote_labels = true\n")
    assert codes(run("check", "essay.md")[1]) == ["N004"]


def test_nearest_configuration_wins_and_pyproject_without_table_is_skipped(repo: Path) -> None:
    pyproject(repo, 'ignore = ["N006"]\n')
    sub = repo / "chapters"
    sub.mkdir()
    (sub / "essay.md").write_text(ESSAY, encoding="utf-8")
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert codes(run("check", "chapters/essay.md")[1]) == ["N002"]  # the parent's [tool.loccit]
    (sub / "loccit.toml").write_text('ignore = ["N002"]\n', encoding="utf-8")
    assert codes(run("check", "chapters/essay.md")[1]) == ["N006"]  # nearest wins, no merging
    (sub / ".loccit.toml").write_text('ignore = ["N"]\n', encoding="utf-8")
    assert codes(run("check", "chapters/essay.md")[1]) == []  # .loccit.toml before loccit.toml
    assert codes(run("check", "essay.md", "chapters/essay.md")[1]) == ["N002"]  # each file its own


def test_config_option_forces_one_and_isolated_ignores_all(repo: Path) -> None:
    pyproject(repo, 'ignore = ["N"]\n')
    (repo / "strict.toml").write_text('ignore = ["N006"]\n', encoding="utf-8")
    assert codes(run("check", "essay.md")[1]) == []
    assert codes(run("check", "--config", "strict.toml", "essay.md")[1]) == ["N002"]
    assert codes(run("check", "--isolated", "essay.md")[1]) == ["N006", "N002"]
    assert run("check", "--config", "missing.toml", "essay.md")[2] == (
        "loccit: error: missing.toml: configuration file does not exist\n"
    )


def test_command_line_overrides_configuration(repo: Path) -> None:
    pyproject(repo, 'select = ["N002"]\n')
    assert codes(run("check", "essay.md")[1]) == ["N002"]
    assert codes(run("check", "--select", "N006", "essay.md")[1]) == ["N006"]
    assert codes(run("check", "--ignore", "N002", "essay.md")[1]) == []


def test_per_file_ignores_are_relative_to_the_config(repo: Path) -> None:
    pyproject(repo, 'per-file-ignores = { "drafts/*.md" = ["N002"], "*.md" = ["N006"] }\n')
    (repo / "drafts").mkdir()
    (repo / "drafts" / "one.md").write_text(ESSAY, encoding="utf-8")
    code, out, _ = run("check", "essay.md", "drafts/one.md")
    assert [line.split(":")[0] + " " + c for line, c in zip(out.splitlines(), codes(out), strict=False)] == [
        "essay.md N002"
    ]


def test_severity_prefixes_most_specific_wins(repo: Path) -> None:
    pyproject(repo, 'severity = { N = "info", N002 = "warning" }\n')
    out = run("check", "--format", "json-lines", "essay.md")[1]
    assert '"severity": "info"' in out.splitlines()[0] and '"severity": "warning"' in out.splitlines()[1]


def test_headings_extend_the_defaults(repo: Path) -> None:
    text = "A claim.[^1]\n\n## Sources Read\n\n- Smith, John. *A Book*. 1999.\n\n[^1]: Smith, *Book*, 3.\n"
    (repo / "essay.md").write_text(text, encoding="utf-8")
    pyproject(repo, 'bibliography-headings = ["Sources  read", "Readings"]\n')
    out = run("check", "--show-settings", "essay.md")[1]
    assert 'bibliography-headings = ["Sources\\\\s+read", "Readings"]' in out


def test_show_settings_says_where_each_value_came_from(repo: Path) -> None:
    pyproject(repo, 'ignore = ["N002"]\n[tool.loccit.rules.N004]\nfootnote_labels = true\n')
    code, out, _ = run("check", "--show-settings", "--notes", "footnote", "essay.md")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["# settings for essay.md", "# configuration: pyproject.toml"]
    assert any(line.startswith('ignore = ["N002"]') and line.endswith("# pyproject.toml") for line in lines)
    assert any(line.startswith('notes = "footnote"') and line.endswith("# command line") for line in lines)
    assert any(line.startswith("select = ") and line.endswith("# default") for line in lines)
    assert "N002 unused-note" not in out
    assert "N004 note-sequence warning  footnote_labels = true  # options from pyproject.toml" in lines


def test_page_style_from_the_command_line_overrides_the_file(repo: Path) -> None:
    pyproject(repo, 'page-style = "mhra"\n')
    lines = run("check", "--show-settings", "--page-style", "oscola", "essay.md")[1].splitlines()
    assert any(line.startswith('page-style = "oscola"') and line.endswith("# command line") for line in lines)
    assert run("check", "--page-style", "apa", "essay.md")[0] == 2


def test_statistics_as_json(repo: Path) -> None:
    out = run("check", "--statistics", "--format", "json", "essay.md")[1]
    assert out.startswith('[\n  {\n    "code": "N002"')


def test_page_style_reaches_the_page_rules_and_a_rule_table_overrides_it(repo: Path) -> None:
    notes = "[^1]: John Smith, *A Book* (London: Penguin, 1999), p. 3.\n[^2]: Smith, *A Book*, p. 7.\n"
    (repo / "essay.md").write_text(f"A claim.[^1] Another.[^2]\n\n{notes}", encoding="utf-8")
    assert codes(run("check", "essay.md")[1]) == []
    (repo / "loccit.toml").write_text('page-style = "oscola"\n', encoding="utf-8")
    assert codes(run("check", "essay.md")[1]) == ["P001", "P001"]
    assert codes(run("check", "--page-style", "consistent", "essay.md")[1]) == []
    (repo / "loccit.toml").write_text('page-style = "oscola"\n[rules.P001]\nstyle = "consistent"\n', encoding="utf-8")
    assert codes(run("check", "essay.md")[1]) == []
    assert codes(run("check", "--page-style", "oscola", "essay.md")[1]) == ["P001", "P001"]
    (repo / "loccit.toml").write_text('[rules.P001]\nstyle = "apa"\n', encoding="utf-8")
    assert run("check", "essay.md")[2] == (
        'loccit: error: loccit.toml: rules.P001: unknown page style "apa"; expected one of consistent, chicago-17, '
        "chicago-18, turabian, mhra, oscola\n"
    )


def test_exclude_leaves_files_out_of_walks_and_explicit_lists(repo: Path) -> None:
    pyproject(repo, 'exclude = ["drafts/", "scratch-*.md"]\n')
    for name in ("drafts/one.md", "drafts/deep/two.md", "scratch-1.md", "kept/scratch.md"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(ESSAY, encoding="utf-8")
    checked = {line.split(":")[0] for line in run("check", ".")[1].splitlines()[:-1]}
    assert checked == {"essay.md", "kept/scratch.md"}
    # pre-commit names the files itself: an excluded one is still left out
    code, out, _ = run("check", "drafts/one.md", "scratch-1.md", "essay.md")
    assert {line.split(":")[0] for line in out.splitlines()[:-1]} == {"essay.md"}
    assert out.splitlines()[-1].endswith("in 1 file.")
    code, out, _ = run("check", "drafts/one.md")
    assert (code, out) == (0, "No findings in 0 files.\n")


def test_exclude_is_shown_and_validated(repo: Path) -> None:
    pyproject(repo, 'exclude = ["drafts/"]\n')
    (repo / "drafts").mkdir()
    (repo / "drafts" / "one.md").write_text(ESSAY, encoding="utf-8")
    out = run("check", "--show-settings", "drafts/one.md")[1]
    assert out.splitlines()[0] == "# settings for drafts/one.md"
    assert "# exclude matches this file: it is not checked" in out.splitlines()
    assert any(
        line.startswith('exclude = ["drafts/"]') and line.endswith("# pyproject.toml") for line in out.splitlines()
    )
    pyproject(repo, 'exclude = "drafts/"\n')
    code, _, err = run("check", ".")
    assert (code, err) == (
        2,
        "loccit: error: pyproject.toml: tool.loccit.exclude: must be an array of gitignore-style patterns, "
        "not a string\n",
    )


def test_min_score_leaves_the_duplicate_threshold_alone(tmp_path: Path) -> None:
    """`min-score` tunes note-to-source matching; B006's same-work threshold has its own key."""
    (tmp_path / "pyproject.toml").write_text("[tool.loccit]\nmin-score = 50\n", encoding="utf-8")
    essay = tmp_path / "essay.md"
    essay.write_text(
        "# Bibliography\n\n- Smith, Ann. *A History of Rivers*. London: Dent, 1990.\n"
        "- Smith, Ann. *A History of Rails*. London: Dent, 1990.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--select", "B006", "--output-format", "concise", str(essay)])
    assert "B006" not in result.output, result.output
    (tmp_path / "pyproject.toml").write_text("[tool.loccit.rules.B006]\nsame_work_min_score = 50\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "B006", "--output-format", "concise", str(essay)])
    assert "B006" in result.output, result.output


@pytest.mark.parametrize(
    ("table", "expected"), [('ignore = ["E001"]', None), ('severity = { E001 = "warning" }', "warning")]
)
def test_e001_follows_the_settings(tmp_path: Path, table: str, expected: str | None) -> None:
    """E001 is a rule like any other: it can be ignored or given another severity."""
    (tmp_path / "pyproject.toml").write_text(f"[tool.loccit]\n{table}\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("Caf\xe9 claim.[^1]\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["check", "--output-format", "json", str(latin1)])
    severities = [d["severity"] for d in json.loads(result.output) if d["code"] == "E001"]
    assert severities == ([] if expected is None else [expected])


def test_e002_follows_the_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.loccit.severity]\nE002 = "error"\n', encoding="utf-8")
    essay = tmp_path / "essay.md"
    essay.write_text("A claim. <!-- loccit-disable-line N001 -->\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--output-format", "json", str(essay)])
    found = [(d["code"], d["rule"], d["severity"]) for d in json.loads(result.output)]
    assert found == [("E002", "unused-suppression", "error")]


@pytest.mark.parametrize(("value", "size"), [("0", 0), ("1500", 1500), ('"20 MB"', 20_000_000), ('"2.5kB"', 2500)])
def test_max_file_size_takes_bytes_or_a_size_with_its_unit(repo: Path, value: str, size: int) -> None:
    from loccit.linter.config.discovery import discover

    pyproject(repo, f"max-file-size = {value}\n")
    assert discover(str(repo / "essay.md")).max_file_size == size


def test_isolated_files_share_one_configuration_and_its_settings(tmp_path: Path) -> None:
    """Settings are cached by their configuration's identity: `--isolated` must not build them anew per file."""
    from loccit.linter.config import discovery

    first = discovery.discover(str(tmp_path / "a.md"), isolated=True)
    second = discovery.discover(str(tmp_path / "sub" / "b.md"), isolated=True)
    assert first is second
    assert discovery.settings(first, "a.md") is discovery.settings(second, "sub/b.md")
