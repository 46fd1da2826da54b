"""``python -m graphmon`` runs the command line."""

from graphmon.cli import main

main()
