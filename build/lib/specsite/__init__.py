"""specsite: docs-as-code for technical specs.

The spec core (``specsite.core``, ``specsite.adr`` and the other kind packages) knows nothing of
MkDocs; ``specsite.cli`` and ``specsite.mkdocs_plugin`` are thin front doors over one pipeline.
"""

__version__ = "0.1.0"
