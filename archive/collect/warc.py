"""WARC/1.1 files (warcio): what the collector fetched, written and read back.

One file per fetched URL (its redirect hops included), under CAPTURE_WARC_DIR/YYYY/MM/DD/,
written as `.open` and renamed when complete, so a worker killed mid-write leaves no file that
a capture points into. Each hop is a request record and a response record (warcio adds
WARC-Block-Digest and WARC-Payload-Digest); bytes the archive already holds are written as a
`revisit` record (identical payload digest) that names the capture holding them.
"""

import base64
import hashlib
import io
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.collect.fetch import Fetched, Hop


class WarcReadError(Exception):
    pass


@dataclass
class Written:
    path: str  # relative to CAPTURE_WARC_DIR
    offset: int  # of the final response (or revisit) record
    record_id: str


def warc_root() -> Path:
    return Path(settings.CAPTURE_WARC_DIR)


def payload_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()  # noqa: S324 (WARC's digest)


def _request_record(writer: WARCWriter, hop: Hop, date: str):
    path = hop.url.split("://", 1)[-1].partition("/")[2]
    headers = StatusAndHeaders(
        f"GET /{path} HTTP/1.1", hop.request_headers, protocol="", is_http_request=True
    )
    return writer.create_warc_record(
        hop.url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )


def _http_headers(hop: Hop) -> StatusAndHeaders:
    version = hop.http_version if hop.http_version.startswith("HTTP/") else "HTTP/1.1"
    return StatusAndHeaders(f"{hop.status} {hop.reason}".strip(), hop.headers, protocol=version)


def warc_write(fetched: Fetched, *, revisit_of: tuple[str, str] | None = None) -> Written:
    """Write the fetch's records into a new WARC file; `revisit_of` = (url, WARC-Date) of the
    capture already holding the final body, which is then recorded as a revisit."""
    now = datetime.now(UTC)
    folder = warc_root() / now.strftime("%Y/%m/%d")
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{now:%Y%m%d%H%M%S%f}-{uuid.uuid4().hex[:12]}.warc.gz"
    temporary = folder / (name + ".open")
    date = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with temporary.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        offset, record_id = 0, ""
        for number, hop in enumerate(fetched.hops):
            final = number == len(fetched.hops) - 1
            writer.write_record(_request_record(writer, hop, date))
            offset = stream.tell()
            if final and revisit_of:
                record = writer.create_revisit_record(
                    hop.url,
                    digest=payload_digest(hop.body),
                    refers_to_uri=revisit_of[0],
                    refers_to_date=revisit_of[1],
                    http_headers=_http_headers(hop),
                    warc_headers_dict={"WARC-Date": date},
                )
            else:
                record = writer.create_warc_record(
                    hop.url,
                    "response",
                    payload=io.BytesIO(hop.body),
                    length=len(hop.body),
                    http_headers=_http_headers(hop),
                    warc_headers_dict={"WARC-Date": date},
                )
            writer.write_record(record)
            record_id = record.rec_headers.get_header("WARC-Record-ID").strip("<>")
        stream.flush()
        os.fsync(stream.fileno())
    final_path = folder / name
    temporary.rename(final_path)
    return Written(str(final_path.relative_to(warc_root())), offset, record_id)


def warc_date(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def warc_payload(path: str, offset: int) -> bytes:
    """The payload of the response record at `offset` in the WARC file `path`."""
    full = warc_root() / path
    try:
        with full.open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)))
            if record.rec_type != "response":
                raise WarcReadError(f"{path}@{offset} is a {record.rec_type} record")
            return record.content_stream().read()
    except (OSError, StopIteration) as exc:
        raise WarcReadError(f"{path}@{offset}: {exc or 'no record'}") from None


def warc_check(path: Path) -> list[str]:
    """Every record's block and payload digest checked (warcio's checker); the problems."""
    problems = []
    with path.open("rb") as stream:
        records = ArchiveIterator(stream, check_digests=True)
        for record in records:
            record.content_stream().read()
            if record.digest_checker.passed is False:
                offset = records.get_record_offset()
                problems.extend(f"{path}@{offset}: {p}" for p in record.digest_checker.problems)
    return problems
