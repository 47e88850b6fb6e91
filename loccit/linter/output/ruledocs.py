"""Rule documentation pages: `docs/rules/CODE.md`, shipped inside the package as `loccit.rule_docs`."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

_SECTION = re.compile(r"^## (.+)$", re.M)


def _directory() -> Path:
    """Where the pages are: the installed package data, or docs/rules of a source checkout."""
    try:
        module = importlib.import_module("loccit.rule_docs")
        locations = list(getattr(module, "__path__", []))
        if locations:
            return Path(locations[0])
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[3] / "docs" / "rules"


def page(code: str) -> str | None:
    """The Markdown page of a rule, or None when it has none."""
    path = _directory() / f"{code.upper()}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def codes() -> list[str]:
    """The codes of every page, sorted."""
    return sorted(path.stem for path in _directory().glob("*.md"))


def sections(text: str) -> dict[str, str]:
    """A page's `## ` sections by title, each with its body stripped."""
    parts = _SECTION.split(text)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def summary(text: str) -> str:
    """The first paragraph of a page's "What it does" section, on one line."""
    body = sections(text).get("What it does", "")
    return " ".join(body.split("\n\n", 1)[0].split())
