"""OWL reasoning with HermiT or Pellet through owlready2, on glocal's own N-Triples."""
