"""glocal's own SHACL engine: shapes compiled to set-wise SPARQL on the embedded store."""
