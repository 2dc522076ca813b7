"""Performance figures for DESIGN.md §6, run by hand: ``python -m benchmarks --json``."""
