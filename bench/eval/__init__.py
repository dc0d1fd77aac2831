"""Public-benchmark evaluation of claimgraph (MEANTIME, OpenSanctions name pairs). Run
`python bench/eval/run.py --help`."""
