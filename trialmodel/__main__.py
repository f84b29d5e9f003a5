"""``python -m trialmodel``: the same as the ``trialmodel`` command."""

from trialmodel.cli import run

run()
