"""Reading and writing source files without losing what the user had: encoding (PEP 263 cookie
or BOM), line endings, file mode and owner. Writes go through a temporary file and an atomic
rename, and never replace a file the user could not write to."""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """A file that cannot be read or written; the message says which and why, `line` where
    (0: the whole file)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


class ContentError(SourceError):
    """A file whose bytes were read but are not Python source text (binary, undecodable)."""


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    encoding: str  # as declared or detected; "utf-8-sig" when the file starts with a BOM
    mode: int


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_bytes(path: Path) -> tuple[bytes, int]:
    """The bytes and permission bits of a regular file.

    Opened without blocking and checked before reading: a named pipe called `x.py` would
    otherwise hang the run, and a device could be read forever."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
            raise SourceError(f"cannot read: not a regular file ({kind})")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    return data, stat.S_IMODE(info.st_mode)


def read(path: Path) -> Source:
    data, mode = read_bytes(path)
    if data.startswith(_WIDE_BOMS):
        raise ContentError("UTF-16/UTF-32 file: Python source must use an ASCII-based encoding")
    if b"\0" in data:
        raise ContentError("binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if data.startswith(codecs.BOM_UTF8):  # tokenize only says "encoding problem: utf-8"
            raise ContentError(
                "bad encoding declaration: the file starts with a UTF-8 byte order mark "
                "but its coding comment names another encoding"
            ) from exc
        raise ContentError(f"bad encoding declaration: {exc}") from exc
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise ContentError(
            f"cannot decode line {line} as {encoding} (bytes {bad}); declare the file's "
            f"encoding with a coding comment (PEP 263)",
            line,
        ) from exc
    if encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    return Source(path, text, encoding, mode)


def encode(text: str, encoding: str) -> bytes:
    data = text.encode(encoding)
    if encoding == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    return data


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` so that a reader sees the old or the new file, never a half.

    An existing file keeps its owner when we may set it, and is refused when the user may not
    write to it: the rename would otherwise replace a read-only file."""
    try:
        old = path.stat()
    except OSError:
        old = None  # a new file; if its folder is the problem, creating it says why
    if old is not None and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if old is not None and hasattr(os, "chown"):
            try:
                os.chown(tmp, old.st_uid, old.st_gid)
            except OSError:
                pass  # not ours to give away: the file becomes the writer's, as with any editor
        if mode is not None:
            os.chmod(tmp, mode)  # after chown, which clears the set-user-ID and set-group-ID bits
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
