"""Product requirements documents: YAML front matter for requirements, acceptance criteria,
priorities and traceability, Markdown for the prose."""
