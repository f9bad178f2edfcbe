"""RDF underneath: the one table of formats, every term conversion, and SPARQL text handling."""
