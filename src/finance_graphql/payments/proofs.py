"""Proof of payment: an uploaded JPEG, PNG or PDF, recognised by its content, not its name."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from finance_graphql.core.errors import ErrorCode, UserErrors, refuse

# The first bytes of each accepted kind of file; the client's name and content type prove nothing.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class ProofFile:
    """A checked upload: a safe file name, the content type its bytes show, the bytes."""

    filename: str
    content_type: str
    content: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@runtime_checkable
class Uploaded(Protocol):
    """What the multipart parser hands over for an `Upload` variable."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


def sniff(content: bytes) -> str | None:
    """The content type the bytes show, or None when they are not a JPEG, PNG or PDF."""
    for signature, content_type in SIGNATURES:
        if content.startswith(signature):
            return content_type
    return None


def safe_filename(name: str | None, content_type: str) -> str:
    """A file name fit for a Content-Disposition header, ending as its content says."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = _UNSAFE.sub("_", base.rsplit(".", 1)[0]).strip(" ._")[:100] or "proof"
    return stem + EXTENSIONS[content_type]


async def read_upload(upload: object, max_bytes: int) -> ProofFile | None:
    """The proof of an `Upload` input, checked; None when no file was sent.

    Raises user errors naming `proof` for something that is not a file, an empty or too large
    file, or content that is not a JPEG, PNG or PDF.
    """
    if upload is None:
        return None
    if not isinstance(upload, Uploaded):
        raise refuse(
            ErrorCode.INVALID,
            "proof: send the file as a multipart request (GraphQL multipart request spec)",
            "proof",
        )
    content = await upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise refuse(
            ErrorCode.OUT_OF_RANGE, f"proof: the file must be at most {max_bytes} bytes", "proof"
        )
    content_type = sniff(content)
    if content_type is None:
        raise refuse(ErrorCode.INVALID, "proof: must be a JPEG, PNG or PDF file", "proof")
    return ProofFile(safe_filename(upload.filename, content_type), content_type, content)


async def checked_upload(upload: object, max_bytes: int) -> ProofFile | UserErrors | None:
    """`read_upload` with its refusal returned instead of raised (read once, before a retry)."""
    try:
        return await read_upload(upload, max_bytes)
    except UserErrors as refusal:
        return refusal
