"""The read-only SPARQL 1.1 endpoint: the ASGI app, its worker pool and the query page."""
