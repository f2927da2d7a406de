"""A minimal, deterministic writer of Compound File Binary files ([MS-CFB]).

Version 3 (512-byte sectors), streams under 4,096 bytes in the mini stream, every
directory entry black (a valid red-black tree), no timestamps or CLSIDs: the same
streams always give the same bytes. Enough for ``vbaProject.bin``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END_OF_CHAIN, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
HEADER_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = NO_STREAM
    right: int = NO_STREAM
    child: int = NO_STREAM
    start: int = END_OF_CHAIN
    size: int = 0


def _sort_key(name: str) -> tuple[int, str]:
    """[MS-CFB] 2.6.4: shorter names first, then by upper-cased code points."""
    return (len(name), name.upper())


def _balanced(children: list[_Entry]) -> int:
    """Link sorted siblings into a balanced binary tree; return the root's sid."""
    if not children:
        return NO_STREAM
    mid = len(children) // 2
    root = children[mid]
    root.left = _balanced(children[:mid])
    root.right = _balanced(children[mid + 1 :])
    return root.sid


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i < count - 1 else END_OF_CHAIN


def write_cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams``, keyed by path (``"VBA/dir"``)."""
    root = _Entry("Root Entry", 5)
    for path in sorted(streams):
        parts = path.split("/")
        node = root
        for part in parts[:-1]:
            found = next((c for c in node.children if c.name == part), None)
            if found is None:
                found = _Entry(part, 1, start=0)  # 2.6.3: a storage's is 0
                node.children.append(found)
            node = found
        node.children.append(_Entry(parts[-1], 2, streams[path]))

    entries: list[_Entry] = []

    def number(node: _Entry) -> None:
        node.sid = len(entries)
        entries.append(node)
        node.children.sort(key=lambda e: _sort_key(e.name))
        for c in node.children:
            number(c)

    number(root)
    for node in entries:
        node.child = _balanced(node.children)

    # Small streams go into the mini stream, 64-byte mini sectors.
    mini_stream = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for e in entries:
        if e.kind != 2:
            continue
        e.size = len(e.data)
        if e.size == 0:
            e.start = END_OF_CHAIN
        elif e.size < MINI_CUTOFF:
            count = -(-e.size // MINI_SECTOR)
            e.start = len(mini_fat)
            mini_fat.extend([0] * count)
            _chain(mini_fat, e.start, count)
            mini_stream += e.data + b"\0" * (count * MINI_SECTOR - e.size)
        else:
            big.append(e)

    def sectors(n: int) -> int:
        return -(-n // SECTOR)

    dir_bytes = len(entries) * 128
    n_dir = sectors(dir_bytes)
    n_minifat = sectors(len(mini_fat) * 4)
    n_ministream = sectors(len(mini_stream))
    n_big = sum(sectors(e.size) for e in big)
    payload = n_dir + n_minifat + n_ministream + n_big
    n_fat = 1
    while n_fat * (SECTOR // 4) < payload + n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for a header-only DIFAT")

    fat = [FREE] * (n_fat * (SECTOR // 4))
    for i in range(n_fat):
        fat[i] = FAT_SECTOR
    cursor = n_fat
    dir_start = cursor
    _chain(fat, cursor, n_dir)
    cursor += n_dir
    minifat_start = cursor if n_minifat else END_OF_CHAIN
    _chain(fat, cursor, n_minifat)
    cursor += n_minifat
    root.start = cursor if n_ministream else END_OF_CHAIN
    root.size = len(mini_stream)
    _chain(fat, cursor, n_ministream)
    cursor += n_ministream
    for e in big:
        count = sectors(e.size)
        e.start = cursor
        _chain(fat, cursor, count)
        cursor += count

    def pad(data: bytes) -> bytes:
        return data + b"\0" * (-len(data) % SECTOR)

    header = bytearray(SECTOR)
    header[0:8] = HEADER_SIGNATURE
    struct.pack_into(
        "<HHHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6, 0
    )  # minor, major, byte order, sector shift, mini shift, reserved
    struct.pack_into(
        "<IIIIIIIII",
        header,
        40,
        0,
        n_fat,
        dir_start,
        0,
        MINI_CUTOFF,
        minifat_start,
        n_minifat,
        END_OF_CHAIN,
        0,
    )
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)

    directory = bytearray()
    for e in entries:
        name = e.name.encode("utf-16-le") + b"\0\0"
        record = bytearray(128)
        record[0 : len(name)] = name
        struct.pack_into("<HBB", record, 64, len(name), e.kind, 1)  # 1 = black
        struct.pack_into("<III", record, 68, e.left, e.right, e.child)
        struct.pack_into("<IQ", record, 116, e.start, e.size)
        directory += record
    while len(directory) % SECTOR:
        empty = bytearray(128)
        struct.pack_into("<III", empty, 68, NO_STREAM, NO_STREAM, NO_STREAM)
        directory += empty

    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_bytes += struct.pack("<I", FREE) * ((-len(mini_fat_bytes) % SECTOR) // 4)
    body = [
        struct.pack(f"<{len(fat)}I", *fat),
        bytes(directory),
        mini_fat_bytes if n_minifat else b"",
        pad(bytes(mini_stream)) if n_ministream else b"",
    ]
    body += [pad(e.data) for e in big]
    return bytes(header) + b"".join(body)
