"""The README is checked: its test command is the one CI runs, its commands exist."""
from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text[: text.index("## ")]
    return [l for block in re.findall(r"```sh\n(.*?)```", first_screen, re.S) for l in block.splitlines()
            if l.strip() and not l.startswith("#")]


def test_readme_first_screen_has_two_setup_commands():
    cmds = readme_commands()
    assert len(cmds) == 2
    assert "gongbao serve" in cmds[0] and "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_readme_names_every_pass_module():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for module in re.findall(r"`(\w+\.py)`", text):
        assert (ROOT / "build" / "gongbao" / module).exists(), module
