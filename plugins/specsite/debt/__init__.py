"""The technical-debt register: debt items as a spec kind (reader, checks, register, quadrant
chart, ``specsite new debt``)."""
