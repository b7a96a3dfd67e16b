"""The MkDocs front door: a thin adapter from MkDocs events to the spec pipeline."""
