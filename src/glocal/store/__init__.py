"""The knowledge graph: ``KnowledgeGraph`` over a ``Backend`` (embedded pyoxigraph or a remote
SPARQL store), loading and name resolution."""
