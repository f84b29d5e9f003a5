"""``trialmodel completion SHELL``: a completion script for bash, zsh or fish, from this parser."""

from __future__ import annotations

import argparse
import sys

from trialmodel.cli import EXIT_OK

__all__: list[str] = []


def add_completion(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``trialmodel completion SHELL``: a completion script for bash, zsh or fish."""
    parser = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for SHELL, generated from trialmodel's own "
        "argument parser. bash: `trialmodel completion bash > "
        "~/.local/share/bash-completion/completions/trialmodel`; zsh: write it as `_trialmodel` "
        "in a folder of $fpath; fish: `trialmodel completion fish > "
        "~/.config/fish/completions/trialmodel.fish`.",
    )
    parser.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell")
    parser.set_defaults(handler=_run_completion)


def _run_completion(args: argparse.Namespace) -> int:
    from trialmodel.cli import build_parser
    from trialmodel.completion import completion_script

    sys.stdout.write(completion_script(args.shell, build_parser()))
    return EXIT_OK
