"""Write ``vbaProject.bin`` from VBA source text ([MS-OVBA]), source only.

Like xlwings' own shipped workbooks, the project carries no compiled cache
(``_VBA_PROJECT`` is the 7-byte version-independent header), so Excel compiles
the modules on open. Compression follows 2.4.1, the ``dir`` stream 2.3.4.2, the
``PROJECT`` stream 2.3.1, the protection fields' data encryption 2.4.3.2 with a
seed derived from the project id, so that a build is byte-reproducible.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from .cfb import write_cfb

CODE_PAGE = 1252
LCID = 0x0409
DOCUMENT_BASES = {
    "workbook": "0{00020819-0000-0000-C000-000000000046}",
    "worksheet": "0{00020820-0000-0000-C000-000000000046}",
}
REFERENCES = (
    (
        "stdole",
        "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
        "C:\\Windows\\System32\\stdole2.tlb#OLE Automation",
    ),
    (
        "Office",
        "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
        "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL"
        "#Microsoft Office 16.0 Object Library",
    ),
)
VBA_PROJECT_STREAM = b"\xcc\x61\xff\xff\x00\x01\x00"


@dataclass(frozen=True)
class Module:
    """A VBA module: ``kind`` is ``standard``, ``class`` or ``document``.

    ``code`` is the source as the VBE exports it, ``Attribute`` lines included and
    any ``VERSION``/``BEGIN``/``END`` class header removed.
    """

    name: str
    kind: str
    code: str


# -- compression (2.4.1) ------------------------------------------------------


def _copy_token_layout(offset_from_start: int) -> tuple[int, int]:
    """(bit count of the length, maximum length) for a position in a chunk."""
    bits = max((offset_from_start - 1).bit_length(), 4)
    length_bits = 16 - bits
    return length_bits, (1 << length_bits) - 1 + 3


def _compress_chunk(data: bytes) -> bytes:
    out = bytearray()
    pos = 0
    table: dict[bytes, list[int]] = {}
    while pos < len(data):
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= len(data):
                break
            best_len, best_off = 0, 0
            if pos >= 1 and pos + 3 <= len(data):
                length_bits, max_len = _copy_token_layout(pos)
                limit = min(max_len, len(data) - pos)
                for cand in reversed(table.get(data[pos : pos + 3], [])[-64:]):
                    n = 3
                    while n < limit and data[cand + n] == data[pos + n]:
                        n += 1
                    if n > best_len:
                        best_len, best_off = n, pos - cand
                        if n == limit:
                            break
            if best_len >= 3:
                length_bits, _ = _copy_token_layout(pos)
                token = ((best_off - 1) << length_bits) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                step = best_len
            else:
                out.append(data[pos])
                step = 1
            for p in range(pos, pos + step):
                if p + 3 <= len(data):
                    table.setdefault(data[p : p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """A CompressedContainer: signature byte, then one chunk per 4,096 bytes."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        chunk = data[start : start + 4096]
        packed = _compress_chunk(chunk)
        if len(packed) <= 4096:
            out += struct.pack("<H", 0xB000 | (len(packed) + 2 - 3)) + packed
        elif len(chunk) == 4096:
            out += struct.pack("<H", 0x3000 | (4096 + 2 - 3)) + chunk
        else:  # a short incompressible tail: never seen in VBA text
            raise ValueError("cannot store a short incompressible chunk")
    return bytes(out)


# -- data encryption (2.4.3.2) --------------------------------------------------


def encrypt(project_id: str, data: bytes, seed: int) -> str:
    """Obfuscate ``data`` as the PROJECT stream's CMG, DPB and GC values do."""
    version = 2
    proj_key = sum(project_id.encode("ascii")) & 0xFF
    out = bytearray([seed, seed ^ version, seed ^ proj_key])
    unencrypted1, encrypted1, encrypted2 = proj_key, seed ^ proj_key, seed ^ version
    ignored = [0x00] * ((seed & 6) // 2)
    for byte in [*ignored, *struct.pack("<I", len(data)), *data]:
        enc = byte ^ ((encrypted2 + unencrypted1) & 0xFF)
        out.append(enc)
        encrypted2, encrypted1, unencrypted1 = encrypted1, enc, byte
    return out.hex().upper()


def decrypt(text: str) -> bytes:
    """The inverse of ``encrypt`` (used by tests and to read others' projects)."""
    raw = bytes.fromhex(text)
    seed, version_enc, proj_key_enc = raw[0], raw[1], raw[2]
    proj_key = seed ^ proj_key_enc
    unencrypted1, encrypted1, encrypted2 = proj_key, proj_key_enc, version_enc
    plain = bytearray()
    for enc in raw[3:]:
        byte = enc ^ ((encrypted2 + unencrypted1) & 0xFF)
        plain.append(byte)
        encrypted2, encrypted1, unencrypted1 = encrypted1, enc, byte
    ignored = (seed & 6) // 2
    length = struct.unpack("<I", plain[ignored : ignored + 4])[0]
    return bytes(plain[ignored + 4 : ignored + 4 + length])


# -- streams --------------------------------------------------------------------


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _mbcs(text: str) -> bytes:
    return text.encode(f"cp{CODE_PAGE}")


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def dir_stream(project_name: str, modules: list[Module]) -> bytes:
    """The uncompressed ``dir`` stream (2.3.4.2)."""
    out = bytearray()
    out += _record(0x0001, struct.pack("<I", 0x00000003))  # SYSKIND: 64-bit Windows
    out += _record(0x0002, struct.pack("<I", LCID))
    out += _record(0x0014, struct.pack("<I", LCID))
    out += _record(0x0003, struct.pack("<H", CODE_PAGE))
    out += _record(0x0004, _mbcs(project_name))
    out += _record(0x0005, b"") + _record(0x0040, b"")  # docstring
    out += _record(0x0006, b"") + _record(0x003D, b"")  # help file
    out += _record(0x0007, struct.pack("<I", 0))
    out += _record(0x0008, struct.pack("<I", 0))
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # PROJECTVERSION
    out += _record(0x000C, b"") + _record(0x003C, b"")  # constants
    for name, libid in REFERENCES:
        out += _record(0x0016, _mbcs(name)) + _record(0x003E, _utf16(name))
        lib = _mbcs(libid)
        registered = struct.pack("<I", len(lib)) + lib + struct.pack("<IH", 0, 0)
        out += _record(0x000D, registered)
    out += _record(0x000F, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))
    for m in modules:
        out += _record(0x0019, _mbcs(m.name))
        out += _record(0x0047, _utf16(m.name))
        out += _record(0x001A, _mbcs(m.name)) + _record(0x0032, _utf16(m.name))
        out += _record(0x001C, b"") + _record(0x0048, b"")
        out += _record(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: source only
        out += _record(0x001E, struct.pack("<I", 0))
        out += _record(0x002C, struct.pack("<H", 0xFFFF))
        out += _record(0x0021 if m.kind == "standard" else 0x0022, b"")
        out += _record(0x002B, b"")
    out += _record(0x0010, b"")
    return bytes(out)


def project_id(project_name: str, modules: list[Module]) -> str:
    """A GUID derived from the project's content, so builds are reproducible."""
    digest = (
        hashlib.sha256(
            project_name.encode()
            + b"".join(m.name.encode() + m.code.encode("utf-8") for m in modules)
        )
        .hexdigest()
        .upper()
    )
    d = digest
    return f"{{{d[0:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:32]}}}"


def project_stream(project_name: str, modules: list[Module], pid: str) -> bytes:
    """The ``PROJECT`` stream (2.3.1): module list, name, protection fields."""
    seed = int(hashlib.sha256(pid.encode()).hexdigest()[:2], 16)
    protection = encrypt(pid, struct.pack("<I", 0), seed)  # not protected
    password = encrypt(pid, bytes([0x00]), seed ^ 0x5A)  # no password
    visibility = encrypt(pid, bytes([0xFF]), seed ^ 0xA5)  # visible
    lines = [f'ID="{pid}"']
    for m in modules:
        if m.kind == "document":
            lines.append(f"Document={m.name}/&H00000000")
        elif m.kind == "class":
            lines.append(f"Class={m.name}")
        else:
            lines.append(f"Module={m.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{protection}"',
        f'DPB="{password}"',
        f'GC="{visibility}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
    ]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return _mbcs("\r\n".join(lines) + "\r\n")


def project_wm_stream(modules: list[Module]) -> bytes:
    out = bytearray()
    for m in modules:
        out += _mbcs(m.name) + b"\0" + _utf16(m.name) + b"\0\0"
    return bytes(out + b"\0\0")


def normalise(code: str) -> str:
    """VBA source with CRLF line ends, as the VBE stores it."""
    text = code.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n").replace("\n", "\r\n") + "\r\n"


def vba_project(modules: list[Module], project_name: str = "VBAProject") -> bytes:
    """The bytes of ``xl/vbaProject.bin`` for these modules."""
    pid = project_id(project_name, modules)
    streams = {
        "PROJECT": project_stream(project_name, modules, pid),
        "PROJECTwm": project_wm_stream(modules),
        "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM,
        "VBA/dir": compress(dir_stream(project_name, modules)),
    }
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(source_bytes(m))
    return write_cfb(streams)


def source_bytes(module: Module) -> bytes:
    """A module's source as stored: ASCII only. Any other byte would be read in
    the PC's code page for non-Unicode programs (on a Chinese (Hong Kong) PC a
    byte over 127 starts a double-byte character), so non-ASCII text is refused
    here and written with ChrW() by whoever generates it."""
    text = normalise(module.code)
    try:
        return text.encode("ascii")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise ValueError(
            f"VBA module {module.name}, line {line}: {text[exc.start]!r} is not"
            " ASCII; write it as ChrW(...)"
        ) from None
