"""What a change does to the specs: two snapshots of the spec graph compared in one place.

A :class:`~specsite.diff.snapshot.Snapshot` is one side (a git revision, the working tree or a
saved ``specsite export``); :func:`~specsite.diff.compare.compare` runs each kind's comparer
over the two sides and adds what no single kind sees: the entities to review because they link to
something that changed, and the findings the change introduces.
"""
