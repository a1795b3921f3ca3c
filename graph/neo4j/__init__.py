"""Neo4j: connect, sync a built graph into a dataset, and pull it back (the package is not named `neo4j`)."""
