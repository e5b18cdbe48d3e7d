"""The commands page: every command's `--help`, as click prints it."""

from __future__ import annotations

import click

from pause_docs.cli import main as cli
from pause_docs.scaffold.documentation import GUIDES

WIDTH = 96


def help_text(command: click.Command, name: str, parent: click.Context | None) -> str:
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH,
                        max_content_width=WIDTH)
    return command.get_help(ctx)


def pages() -> dict[str, str]:
    root = click.Context(cli, info_name="pause-docs", terminal_width=WIDTH,
                         max_content_width=WIDTH, **cli.context_settings)
    out = ["# Commands", "",
           "Every command of `pause-docs`, with its options, exactly as `--help` prints it. "
           "The [command-line conventions](conventions.md) say what every command shares "
           "(output, exit status, `-q` and `-v`).", "",
           "## `pause-docs`", "", "```text", cli.get_help(root), "```", ""]
    assert isinstance(cli, click.Group)
    for name in sorted(cli.commands):
        command = cli.commands[name]
        out += [f"## `pause-docs {name}`", ""]
        if name in GUIDES:
            page = f"../{GUIDES[name]}"
            out += [f"Explained in [{_title(page)}]({page}).", ""]
        out += ["```text", help_text(command, name, root), "```", ""]
    return {"reference/commands.md": "\n".join(out)}


def _title(link: str) -> str:
    from . import DOCS

    first = (DOCS / "reference" / link).resolve().read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").strip()
