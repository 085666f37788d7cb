"""Shared fixtures: a full build of the real gazettes in a temporary copy of the repository."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ("index.md", "about.md", "figures.md")


def make_repo(dest: Path, gazettes: list[Path] | None = None) -> Path:
    """A working copy of the repository's inputs under dest (no generated output)."""
    (dest / "data" / "gazettes").mkdir(parents=True)
    for p in gazettes if gazettes is not None else sorted((ROOT / "data" / "gazettes").iterdir()):
        shutil.copy(p, dest / "data" / "gazettes" / p.name)
    for p in (ROOT / "data").glob("*.yml"):
        shutil.copy(p, dest / "data" / p.name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "content").mkdir()
    for name in HAND_WRITTEN:
        shutil.copy(ROOT / "content" / name, dest / "content" / name)
    (dest / "build").symlink_to(ROOT / "build")  # mkdocs-macros loads build/gongbao/macros.py
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The whole pipeline run once on all five gazettes; returns its Paths."""
    from gongbao.cli import build
    from gongbao.pipeline import Paths

    paths = Paths(make_repo(tmp_path_factory.mktemp("repo")))
    build(paths, quiet=True)
    return paths


@pytest.fixture(scope="session")
def records(built):
    from gongbao.records import load_records

    return load_records(built.records)
