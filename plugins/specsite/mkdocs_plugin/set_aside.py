"""``mkdocs serve`` empties the site folder before every rebuild, one file and one folder at a time,
and then writes every page again: with thousands of pages (a folder each) that alone takes seconds
on every save. Before MkDocs cleans, the previous build's top-level entries are renamed to hidden
names (MkDocs' cleaning skips hidden entries, and never writes any). When the previous build's
pages can be replayed (:mod:`.replay`), that tree is kept while the new build runs: the new build
writes only what changed, and at its end the files of the pages it replayed are moved back into
place (:meth:`PreviousBuild.put_back`: a folder in which every file is such a page moves with one
rename). Whatever is left of the previous build (pages removed since, static files written anew)
is stale and deleted in the background by a child process (a thread would take the interpreter
lock from the build at every file), as the whole previous build is when nothing is kept.
The site is the same as a cold build's; the save is served sooner (ADR-0023).
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import subprocess
import sys
import threading
from dataclasses import dataclass, field

_PREFIX = ".specsite-previous-build-"
_counter = itertools.count()
#: hidden entries being deleted by a background thread now (left-overs of an interrupted build
#: are the other hidden entries with the prefix)
_deleting: set[str] = set()
_lock = threading.Lock()

#: what identifies a file as the very one a build wrote: inode, modification time and size
Stamp = tuple[int, int, int]


def stamp(path: str) -> Stamp | None:
    """The :data:`Stamp` of a regular file (``None`` when it is missing or something else)."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size) if stat.S_ISREG(st.st_mode) else None


class PreviousBuild:
    """The previous build's top-level entries, under hidden names in the site folder."""

    def __init__(self, site_dir: str, moved: dict[str, str]) -> None:
        self.site_dir = site_dir
        #: each entry's name in the site -> the hidden path it was moved to
        self.moved = moved

    def put_back(self, wanted: dict[str, Stamp], placed: set[str]) -> None:
        """Move back into the site each file whose site-relative path (``/``-separated) is in
        ``wanted`` and whose stamp is still the one given, where the new build wrote nothing;
        adds each moved path to ``placed`` as it is moved (so a failure halfway leaves it
        right)."""
        if not wanted:
            return
        folders: set[str] = set()  # every folder that holds a wanted file
        for path in wanted:
            i = path.rfind("/")
            while i > 0 and path[:i] not in folders:
                folders.add(path[:i])
                i = path.rfind("/", 0, i)
        try:
            present = set(os.listdir(self.site_dir))
        except OSError:
            return
        for name, kept in sorted(self.moved.items()):
            new = os.path.join(self.site_dir, name)
            if name in folders:
                tree = _scan(kept, name, wanted, folders)
                if tree is not None:
                    _place(tree, kept, new, name in present, placed)
            elif name in wanted and name not in present and stamp(kept) == wanted[name]:
                os.rename(kept, new)
                placed.add(name)

    def discard(self) -> None:
        """Delete what is left of the previous build, in the background."""
        _delete_in_background([p for p in self.moved.values() if os.path.lexists(p)])
        self.moved = {}


def set_aside(site_dir: str, keep: bool = False) -> PreviousBuild | None:
    """Move what is in ``site_dir`` out of MkDocs' way; delete it in the background unless
    ``keep`` (then the caller puts back what it reuses and discards the rest)."""
    if not os.path.isdir(site_dir):
        return None
    moved: dict[str, str] = {}
    leftovers = []
    for name in sorted(os.listdir(site_dir)):
        if name.startswith("."):
            path = os.path.join(site_dir, name)
            if name.startswith(_PREFIX) and path not in _deleting:
                leftovers.append(path)  # a build stopped before it could put back or delete
            continue
        target = os.path.join(site_dir, f"{_PREFIX}{os.getpid()}-{next(_counter)}")
        try:
            os.rename(os.path.join(site_dir, name), target)
        except OSError:
            continue  # MkDocs' own cleaning removes it
        moved[name] = target
    previous = PreviousBuild(site_dir, moved)
    _delete_in_background(leftovers)
    if not keep:
        previous.discard()
        return None
    return previous


@dataclass
class _Folder:
    """A folder of the previous build: its files that are wanted (with the right stamp), its
    sub-folders that hold wanted files, and whether it holds nothing else."""

    rel: str
    files: list[str] = field(default_factory=list)
    folders: dict[str, _Folder] = field(default_factory=dict)
    whole: bool = True
    #: the site-relative paths of every wanted file in it, sub-folders included
    paths: list[str] = field(default_factory=list)


def _scan(path: str, rel: str, wanted: dict[str, Stamp], folders: set[str]) -> _Folder | None:
    """The wanted files under ``path`` (site-relative ``rel``); ``None`` when there are none.
    Only folders that should hold a wanted file are read."""
    folder = _Folder(rel)
    try:
        entries = list(os.scandir(path))
    except OSError:
        return None
    for entry in entries:
        child = f"{rel}/{entry.name}"
        if child in folders and entry.is_dir(follow_symlinks=False):
            sub = _scan(entry.path, child, wanted, folders)
            if sub is None:
                folder.whole = False
                continue
            folder.folders[entry.name] = sub
            folder.paths += sub.paths
            folder.whole = folder.whole and sub.whole
        elif child in wanted and stamp(entry.path) == wanted[child]:
            folder.files.append(entry.name)
            folder.paths.append(child)
        else:
            folder.whole = False  # stale, changed or rewritten: left behind to be deleted
    return folder if folder.paths else None


def _place(folder: _Folder, kept: str, new: str, exists: bool, placed: set[str]) -> None:
    """Move ``folder``'s wanted files from ``kept`` to ``new``: all at once when it is whole and
    the new build wrote nothing there, else one by one next to what the new build wrote."""
    if not exists:
        if folder.whole:
            os.rename(kept, new)
            placed.update(folder.paths)
            return
        os.mkdir(new)
        present: set[str] = set()
    elif os.path.isdir(new) and not os.path.islink(new):
        present = set(os.listdir(new))
    else:
        return  # the new build wrote a file where the previous one had a folder
    for name in folder.files:
        if name not in present:
            os.rename(os.path.join(kept, name), os.path.join(new, name))
            placed.add(f"{folder.rel}/{name}")
    for name, sub in folder.folders.items():
        _place(sub, os.path.join(kept, name), os.path.join(new, name), name in present, placed)


#: run by a child process: deleting thousands of files in a thread of the serving process would
#: take the interpreter lock from the build at every file (on a busy machine each hand-back waits
#: for the scheduler: writing the site took three times as long while a thread deleted)
_DELETE = "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"


def _delete_in_background(paths: list[str]) -> None:
    if not paths:
        return
    with _lock:
        _deleting.update(paths)
    folders = [p for p in paths if os.path.isdir(p) and not os.path.islink(p)]
    _delete([p for p in paths if p not in folders])
    if not folders:
        return
    try:
        child = subprocess.Popen([sys.executable, "-c", _DELETE, *folders], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no interpreter to start (an embedded Python): a thread does it
        threading.Thread(target=_delete, args=(folders,), daemon=True,
                         name="specsite-set-aside").start()
        return
    # a thread that only waits for the child (reaps it; the lock is free while it waits)
    threading.Thread(target=_reap, args=(child, folders), daemon=True,
                     name="specsite-set-aside").start()


def _reap(child: subprocess.Popen, paths: list[str]) -> None:
    child.wait()
    _delete(paths)  # what the child left (it stopped early): usually nothing


def _delete(paths: list[str]) -> None:
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass
        with _lock:
            _deleting.discard(path)
