"""Docs that cannot drift: README's commands are CI's, and every text has both languages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from igemo_data.texts import LANGUAGES, TEXTS

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", readme, flags=re.DOTALL)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "requirements.txt" in commands[0] and "streamlit run app.py" in commands[0]
    assert "requirements-dev.txt" in commands[1] and "pytest" in commands[1]


def test_ci_runs_readmes_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci_lines


def test_every_requirement_is_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, f"{name}: {line} is not pinned"


def test_every_text_has_dutch_and_english() -> None:
    for key, entry in TEXTS.items():
        for lang in LANGUAGES:
            assert entry.get(lang, "").strip(), f"{key} has no {lang} text"


def test_placeholders_agree_between_languages() -> None:
    for key, entry in TEXTS.items():
        fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in LANGUAGES}
        assert fields["nl"] == fields["en"], key


def _catalogue_keys_used_by(module: Path) -> set[str]:
    """Literal keys handed to `t(...)` or `Phrase.of(...)` in a module's source."""
    keys = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        named = (isinstance(func, ast.Name) and func.id == "t") or (
            isinstance(func, ast.Attribute)
            and func.attr == "of"
            and isinstance(func.value, ast.Name)
            and func.value.id == "Phrase"
        )
        first = node.args[0]
        if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
            keys.add(first.value)
    return keys


def test_every_key_the_loader_uses_has_dutch_and_english() -> None:
    loader = ("loading.py", "decoding.py", "validation.py", "xlsx.py", "ods.py", "problems.py")
    used = set().union(*(_catalogue_keys_used_by(ROOT / "igemo_data" / name) for name in loader))
    assert len(used) > 30  # the walk finds the loader's words, not nothing
    for key in sorted(used):
        assert key in TEXTS, f"{key} is not in the catalogue"
        for lang in LANGUAGES:
            assert TEXTS[key].get(lang, "").strip(), f"{key} has no {lang} text"


def test_readmes_layout_names_every_room() -> None:
    """A newcomer finds each module of the package in README's layout table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("## Betrouwbaarheid")]
    package = ROOT / "igemo_data"
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        room = path.parent.relative_to(package).as_posix()
        named = f"`{path.stem}`" if room != "." else f"{path.name}"
        if named not in layout and path.stem.lstrip("_") not in layout:
            missing.append(path.relative_to(ROOT).as_posix())
    for folder in sorted(p for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"):
        if f"`igemo_data/{folder.name}/`" not in layout:
            missing.append(f"igemo_data/{folder.name}/")
    assert missing == [], missing


def test_every_key_the_stores_and_files_use_has_dutch_and_english() -> None:
    """The refusals of the stores, the settings and the uploads, and the workbook's words."""
    package = ROOT / "igemo_data"
    modules = [
        *sorted((package / "store").glob("*.py")),
        *(package / name for name in ("settings.py", "matrix.py", "uploads.py", "spreadsheet.py")),
    ]
    used = set().union(*(_catalogue_keys_used_by(module) for module in modules))
    assert len(used) > 25  # the walk finds their words, not nothing
    for key in sorted(used):
        assert key in TEXTS, f"{key} is not in the catalogue"
        for lang in LANGUAGES:
            assert TEXTS[key].get(lang, "").strip(), f"{key} has no {lang} text"


def test_every_column_of_the_workbook_is_explained_in_both_languages() -> None:
    from igemo_data.schema import COLUMNS

    for column in COLUMNS:
        for lang in LANGUAGES:
            assert TEXTS[f"workbook_help_{column}"][lang].strip()
