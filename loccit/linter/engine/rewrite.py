"""Write a fixed file over the one checked: only over the bytes checked, through links, keeping the file's identity."""

from __future__ import annotations

import os
import stat
import tempfile
from typing import BinaryIO

from loccit.linter.engine.files import digest

_WRITABLE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class NotWritten(Exception):
    """Why a fixed file was not written (one line, lower case); the file is left as it was."""


def shown(path: str) -> str:
    """A file as messages name it: a link with the file it leads to, which is the one fixed."""
    if os.path.islink(path):
        return f"{path} (a link to {os.path.realpath(path)})"
    return path


def replace(path: str, checked: str, data: bytes) -> None:
    """Make data the contents of the file at path (a link's target), if it still holds the bytes checked.

    checked is the digest of the bytes the fixes were computed from; NotWritten says why nothing was written.
    """
    real = os.path.realpath(path)
    try:
        status = os.stat(real)
    except OSError as error:
        raise NotWritten(f"cannot read it: {reason(error)}") from error
    if not stat.S_ISREG(status.st_mode):
        raise NotWritten("it is not a regular file")
    # Root may write any file: the mode says what its owner meant.
    if not status.st_mode & _WRITABLE or not os.access(real, os.W_OK):
        raise NotWritten("it is read-only")
    try:
        if status.st_nlink > 1:
            # Renaming a new file over one name would split it from its other names (hard links), which would
            # keep the old text. Writing in place keeps them one file; the cost is that a crash in the middle of
            # the write can leave it half written, a risk only such files take.
            _write_in_place(real, checked, data)
        else:
            _write_new_file(real, status, checked, data)
    except OSError as error:
        raise NotWritten(f"cannot write it: {reason(error)}") from error


def reason(error: OSError) -> str:
    """The system's reason for an error, in lower case, without the file name (which may be a temporary file)."""
    text = error.strerror or type(error).__name__
    return text[:1].lower() + text[1:]


def _check_unchanged(stream: BinaryIO, checked: str) -> None:
    if digest(stream.read()) != checked:
        raise NotWritten("it changed after it was checked")


def _write_new_file(real: str, status: os.stat_result, checked: str, data: bytes) -> None:
    """Write a temporary file beside the real one, give it the file's identity, and rename it over the file."""
    handle, temporary = tempfile.mkstemp(prefix=".loccit-", suffix=".tmp", dir=os.path.dirname(real))
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not _same_identity(temporary, real, status):
            # A new file could not take the owner or the extended attributes of the old: keep the old file.
            os.unlink(temporary)
            _write_in_place(real, checked, data)
            return
        # The last look before the rename: a fix computed from other bytes never lands (another run, an editor).
        with open(real, "rb") as current:
            _check_unchanged(current, checked)
        os.replace(temporary, real)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def _same_identity(temporary: str, real: str, status: os.stat_result) -> bool:
    """Give the temporary file the real one's owner, mode and extended attributes; False when it cannot be done."""
    if hasattr(os, "chown"):
        mine = os.stat(temporary)
        if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except PermissionError:
                return False
    os.chmod(temporary, stat.S_IMODE(status.st_mode))  # after chown, which may clear set-id bits
    if not hasattr(os, "listxattr"):  # Linux only
        return True
    try:
        names = os.listxattr(real)
    except OSError:  # a file system without extended attributes
        return True
    for name in names:
        try:
            os.setxattr(temporary, name, os.getxattr(real, name))
        except OSError:
            return False
    return True


def _write_in_place(real: str, checked: str, data: bytes) -> None:
    """Overwrite the file itself, locked against other loccit runs, if it still holds the bytes checked."""
    with open(real, "r+b") as stream:
        _lock(stream)
        _check_unchanged(stream, checked)
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _lock(stream: BinaryIO) -> None:
    """Hold an exclusive lock on the file until it is closed (where the platform has flock)."""
    try:
        import fcntl
    except ImportError:  # Windows
        return
    fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
