"""C4 architecture models from Structurizr DSL: parser, views, diagrams, pages and checks."""
