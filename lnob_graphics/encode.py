"""Encoding: PNG within its platform's byte limit with the least visible loss, or JPEG /
WebP for users who ask for them (photo-heavy packs), at a quality stepped down only as far
as the budget needs.

Flat graphics quantize to a palette with no visible change, so that is the first
step; if even 64 colours are over the limit the job fails with a clear message.
A PNG over its limit is never written silently.
"""

from __future__ import annotations

import io
import struct
import zlib

from lnob_graphics.options import IMAGE_FORMATS


class BudgetError(Exception):
    pass


def fit_budget(png: bytes, max_bytes: int | None) -> tuple[bytes, str | None]:
    """Return the PNG (reduced if needed) and a note on what was done, if anything."""
    if max_bytes is None or len(png) <= max_bytes:
        return png, None
    from PIL import Image  # (only here: a card within its budget needs no Pillow)

    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    for colours in (256, 128, 64):
        quantized = rgb.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        quantized.save(buffer, format="PNG", optimize=True)
        if buffer.tell() <= max_bytes:
            return buffer.getvalue(), (f"reduced from {len(png)} to {buffer.tell()} bytes with a "
                                       f"{colours}-colour palette to stay under {max_bytes} bytes")
    raise BudgetError(f"the PNG is {len(png)} bytes, over this platform's limit of {max_bytes} "
                      "bytes even with a 64-colour palette; use fewer photos or a simpler design")


def text_chunk(keyword: str, text: str, lang: str = "") -> bytes:
    """A PNG ``iTXt`` chunk (UTF-8 text with a language tag): ``Description`` carries
    the alt text inside the file, where image viewers and some platforms read it."""
    data = (keyword.encode("latin-1") + b"\0" + b"\0\0" + lang.encode("ascii") + b"\0" + b"\0"
            + text.encode("utf-8"))
    return struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(
        ">I", zlib.crc32(b"iTXt" + data) & 0xFFFFFFFF)


def with_chunks(png: bytes, chunks: list[bytes]) -> bytes:
    """``png`` with ``chunks`` right after its header chunk (no re-encoding)."""
    header_end = 8 + 8 + 13 + 4  # signature, IHDR length+type, IHDR data, CRC
    return png[:header_end] + b"".join(chunks) + png[header_end:]


FORMATS = IMAGE_FORMATS


def to_format(png: bytes, image_format: str, max_bytes: int | None) -> tuple[bytes, str | None]:
    """A rasterized card as JPEG or WebP: the highest quality (of 90, 80, 70, 60) within
    ``max_bytes``. Both encoders are deterministic: same pixels, same bytes."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    for quality in (90, 80, 70, 60):
        buffer = io.BytesIO()
        if image_format == "jpeg":
            rgb.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        else:
            rgb.save(buffer, "WEBP", quality=quality, method=4)
        if max_bytes is None or buffer.tell() <= max_bytes:
            note = None if quality == 90 else (f"{image_format.upper()} quality {quality} to stay "
                                               f"under {max_bytes} bytes")
            return buffer.getvalue(), note
    raise BudgetError(f"the {image_format.upper()} is over this platform's limit of {max_bytes} "
                      "bytes even at quality 60; use fewer photos or a simpler design")
