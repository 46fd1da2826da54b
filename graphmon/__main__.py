"""``python -m graphmon`` runs the command line (named ``graphmon`` in its messages)."""

from graphmon.cli import main

main(prog_name="graphmon")
