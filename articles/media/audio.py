"""Check an uploaded narration by what it contains, never by its name or label.

Readers' browsers play MP3, M4A (AAC) and Ogg (Vorbis or Opus). A file in any other
form would leave a silent player on the article, and a file called .mp3 may hold
anything, so the first bytes decide the format and mutagen must then read the file's
whole structure before it is accepted.
"""

import math
import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.ogg import OggPage
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_SECONDS = 3 * 60 * 60
# What reading a malformed file raises besides mutagen's own errors.
READ_ERRORS = (MutagenError, EOFError, OSError, ValueError, struct.error)


@dataclass(frozen=True, slots=True)
class AudioFacts:
    """What the article page and the feeds need to know about a narration file."""

    mime_type: str
    extension: str
    duration_seconds: int
    size_bytes: int

    def generated_name(self) -> str:
        """Return a fresh file name: nothing the uploader chose reaches the disk."""
        return f"{uuid.uuid4().hex}{self.extension}"


class Damaged(Exception):
    """The file starts like an accepted format but does not hold together."""


def max_audio_bytes() -> int:
    return getattr(settings, "NEWSROOM_MAX_AUDIO_BYTES", DEFAULT_MAX_BYTES)


def max_audio_seconds() -> int:
    return getattr(settings, "NEWSROOM_MAX_AUDIO_SECONDS", DEFAULT_MAX_SECONDS)


def format_duration(seconds: int) -> str:
    """Return 185 as "3:05" and 3725 as "1:02:05", the way players show time."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def not_audio() -> ValidationError:
    return ValidationError(
        _(
            "This file is not MP3, M4A or OGG audio. Export the narration in one of "
            "those formats and upload it again."
        ),
        code="not_audio",
    )


def has_video() -> ValidationError:
    return ValidationError(
        _("This file contains video. Upload the sound only, as MP3, M4A or OGG."),
        code="video",
    )


def mp3_length(fileobj, size: int) -> float:
    info = MP3(fileobj).info
    if info.sketchy:
        raise Damaged
    if info.layer != 3:
        raise not_audio()
    # The header promises so many frames at this bitrate; a file cut short holds
    # fewer bytes than they need.
    if size - info.frame_offset < 0.98 * info.bitrate * info.length / 8:
        raise Damaged
    return info.length


def mp4_boxes(fileobj, start: int, end: int):
    """Yield (type, content start, end) for each MP4 box between start and end."""
    offset = start
    while offset + 8 <= end:
        fileobj.seek(offset)
        length, kind = struct.unpack(">I4s", fileobj.read(8))
        header = 8
        if length == 1:
            (length,) = struct.unpack(">Q", fileobj.read(8))
            header = 16
        elif length == 0:
            length = end - offset
        if length < header or offset + length > end:
            raise Damaged
        yield kind, offset + header, offset + length
        offset += length


def mp4_find(fileobj, start: int, end: int, path: tuple[bytes, ...]):
    """Yield (content start, end) of every box at `path`, e.g. (b"moov", b"trak")."""
    for kind, content, box_end in mp4_boxes(fileobj, start, end):
        if kind == path[0]:
            if len(path) == 1:
                yield content, box_end
            else:
                yield from mp4_find(fileobj, content, box_end, path[1:])


def m4a_length(fileobj, size: int) -> float:
    handlers = set()
    for content, _end in mp4_find(
        fileobj, 0, size, (b"moov", b"trak", b"mdia", b"hdlr")
    ):
        # A handler box: version and flags, four reserved bytes, then the type.
        fileobj.seek(content + 8)
        handlers.add(fileobj.read(4))
    if b"vide" in handlers:
        raise has_video()
    if b"soun" not in handlers:
        raise not_audio()
    fileobj.seek(0)
    info = MP4(fileobj).info
    if not info.codec.startswith("mp4a"):
        raise not_audio()
    return info.length


def ogg_length(fileobj, size: int) -> float:
    # Every stream of an Ogg file announces itself on a first page before any data.
    announcements = [OggPage(fileobj)]
    while (page := OggPage(fileobj)).first:
        announcements.append(page)
    heads = [page.packets[0] if page.packets else b"" for page in announcements]
    if any(head.startswith(b"\x80theora") for head in heads):
        raise has_video()
    if len(heads) != 1:
        raise not_audio()
    fileobj.seek(0)
    if heads[0].startswith(b"\x01vorbis"):
        audio = OggVorbis(fileobj)
    elif heads[0].startswith(b"OpusHead"):
        audio = OggOpus(fileobj)
    else:
        raise not_audio()
    last = OggPage.find_last(fileobj, announcements[0].serial)
    if last is None or not last.last:
        raise Damaged
    return audio.info.length


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    mime_type: str
    extension: str
    length: Callable[..., float]


MP3_FORMAT = Format("MP3", "audio/mpeg", ".mp3", mp3_length)
M4A_FORMAT = Format("M4A", "audio/mp4", ".m4a", m4a_length)
OGG_FORMAT = Format("OGG", "audio/ogg", ".ogg", ogg_length)


def format_of(header: bytes) -> Format | None:
    """Return the format the first bytes announce, if it is one readers can play."""
    if header.startswith(b"OggS"):
        return OGG_FORMAT
    if header[4:8] == b"ftyp":
        return M4A_FORMAT
    if header.startswith(b"ID3"):
        return MP3_FORMAT
    # An MPEG audio frame: eleven sync bits, then layer bits 01 for Layer III.
    if len(header) > 1 and header[0] == 0xFF and header[1] & 0xE6 == 0xE2:
        return MP3_FORMAT
    return None


def inspect_audio(upload) -> AudioFacts:
    """Return the facts of an uploaded narration; raise ValidationError if refused."""
    size = upload.size
    limit = max_audio_bytes()
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s; a narration may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    audio_format = format_of(upload.read(12))
    if audio_format is None:
        raise not_audio()
    try:
        upload.seek(0)
        length = audio_format.length(upload, size)
        if not length > 0:
            raise Damaged
    except (Damaged, *READ_ERRORS) as error:
        raise ValidationError(
            _(
                "This file starts like %(format)s audio but is damaged or "
                "incomplete. Export it again and upload the new file."
            ),
            code="damaged",
            params={"format": audio_format.name},
        ) from error
    finally:
        upload.seek(0)
    seconds = math.floor(length + 0.5)
    longest = max_audio_seconds()
    if seconds > longest:
        raise ValidationError(
            _(
                "This recording lasts %(duration)s; a narration may last at most "
                "%(limit)s."
            ),
            code="too_long",
            params={
                "duration": format_duration(seconds),
                "limit": format_duration(longest),
            },
        )
    return AudioFacts(
        mime_type=audio_format.mime_type,
        extension=audio_format.extension,
        duration_seconds=seconds,
        size_bytes=size,
    )
