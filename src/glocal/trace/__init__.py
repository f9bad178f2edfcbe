"""Traceability: trace, contributors, coverage, the review's counts and the networkx export."""
