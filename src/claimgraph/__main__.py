"""`python -m claimgraph ...` is the `claimgraph` command (for environments without the script on PATH)."""

from .cli.app import main

main()
