"""Runbooks as a spec kind: operational procedures tied to the C4 elements they keep running and
to the non-functional requirements (SLOs) they protect."""
