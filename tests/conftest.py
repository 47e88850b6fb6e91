"""Shared test options: `--update-golden` rewrites golden files instead of comparing them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The tests never write loccit's bibliography cache into the home folder (test_citekeys points it elsewhere).
os.environ["LOCCIT_CACHE_DIR"] = "off"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
