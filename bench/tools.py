"""Install the peers (markdownlint-cli2, remark-cli and its footnote rules, rumdl) and loccit into a temp folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NPM_PACKAGES = (
    "markdownlint-cli2@0.22.1",
    "remark-cli@12.0.1",
    "remark-gfm@4.0.1",
    "remark-lint@10.0.1",
    "remark-lint-no-undefined-references@5.0.2",
    "remark-lint-no-unused-definitions@4.0.2",
    "remark-lint-no-duplicate-definitions@4.0.1",
)
PIP_PACKAGES = ("rumdl==0.3.0",)
REMARK_PLUGINS = tuple(
    name.rsplit("@", 1)[0] for name in NPM_PACKAGES if name.startswith("remark-") and "cli" not in name
)


@dataclass(frozen=True)
class Tool:
    """A linter as the benchmark runs it: a name, a version and the command before the file arguments."""

    name: str
    version: str
    command: tuple[str, ...]
    summary: str


def _run(args: list[str], cwd: Path | None = None) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


def _install_node(folder: Path) -> None:
    marker = folder / "installed.json"
    if marker.exists() and json.loads(marker.read_text()) == list(NPM_PACKAGES):
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"name": "loccit-bench-peers", "private": true}\n')
    print(f"installing {', '.join(NPM_PACKAGES)} into {folder}", file=sys.stderr)
    _run(["npm", "install", "--no-audit", "--no-fund", "--no-save", *NPM_PACKAGES], cwd=folder)
    marker.write_text(json.dumps(list(NPM_PACKAGES)))


def _install_python(venv: Path, repo: Path) -> None:
    python = venv / "bin" / "python"
    marker = venv / "installed.json"
    if not marker.exists() or json.loads(marker.read_text()) != list(PIP_PACKAGES):
        print(f"installing {', '.join(PIP_PACKAGES)} and loccit's dependencies into {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _run([str(python), "-m", "pip", "install", "-q", *PIP_PACKAGES, str(repo)])
        marker.write_text(json.dumps(list(PIP_PACKAGES)))
    # The working tree as a user installs it (a wheel, compiled bytecode), fresh on every run.
    _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(repo)])


def install(folder: Path, repo: Path) -> list[Tool]:
    """Install everything under folder (reused between runs) and return the tools, loccit first."""
    _install_node(folder / "node")
    _install_python(folder / "venv", repo)
    bin_dir, node_bin = folder / "venv" / "bin", folder / "node" / "node_modules" / ".bin"
    remark = [str(node_bin / "remark"), "--no-stdout", "--quiet", "--no-config", "--no-ignore"]
    for plugin in REMARK_PLUGINS:
        remark += ["--use", plugin]
    loccit_version = _run([str(bin_dir / "loccit"), "--version"]).split()[-1]
    return [
        Tool("loccit", loccit_version, (str(bin_dir / "loccit"), "check"), "notes, bibliography, citations"),
        Tool("loccit --jobs 1", loccit_version, (str(bin_dir / "loccit"), "check", "--jobs", "1"), "one process"),
        Tool(
            "loccit --select E,N,P,F",
            loccit_version,
            (str(bin_dir / "loccit"), "check", "--select", "E,N,P,F"),
            "without the B and S rules, which match every note against every entry",
        ),
        Tool(
            "markdownlint-cli2",
            _npm_version(folder, "markdownlint-cli2"),
            (str(node_bin / "markdownlint-cli2"),),
            "all default rules",
        ),
        Tool("remark-cli", _npm_version(folder, "remark-cli"), tuple(remark), "gfm + 3 definition/footnote rules"),
        Tool(
            "rumdl",
            _run([str(bin_dir / "rumdl"), "--version"]).split()[-1],
            (str(bin_dir / "rumdl"), "check", "--no-cache"),
            "all default rules (native code)",
        ),
    ]


def _npm_version(folder: Path, package: str) -> str:
    manifest = folder / "node" / "node_modules" / package / "package.json"
    return str(json.loads(manifest.read_text())["version"])


def machine() -> str:
    """One line about the machine: CPU model, cores, memory, OS, Python and Node versions."""
    model = "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    if os.path.exists("/proc/meminfo"):
        kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kilobytes / 2**20:.0f} GiB"
    node = _run(["node", "--version"]).strip()
    python = ".".join(map(str, sys.version_info[:3]))
    return f"{model}, {os.cpu_count()} cores{memory}, {sys.platform}, Python {python}, Node {node}"


def load() -> str:
    """The machine's load averages: other programs running skew a benchmark."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
