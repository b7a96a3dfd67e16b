"""The spec core: findings, entities, the graph, the project sandbox and the pipeline."""
