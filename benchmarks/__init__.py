"""Scaling and overhead benchmarks of the site build: `python -m benchmarks` (make bench).

Never part of the test run; see docs/benchmarks.md for what is measured and the results.
"""
