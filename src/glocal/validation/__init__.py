"""SHACL validation for the annual review: pySHACL (the reference) and glocal's own engine."""
