"""Writing WARC files for tests (warcio's writer): responses, resources, requests and a 404."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, records: list[tuple[str, str, str, bytes, str]], gzip: bool = True) -> Path:
    """records: (kind, url, content type, body, WARC-Date); kind is response, resource, request or 404."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for kind, url, ctype, body, date in records:
            headers = {"WARC-Date": date}
            if kind in ("response", "404"):
                status = "200 OK" if kind == "response" else "404 Not Found"
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                   http_headers=http, warc_headers_dict=headers)
            elif kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                   http_headers=http, warc_headers_dict=headers)
            else:
                record = writer.create_warc_record(url, "resource", payload=io.BytesIO(body),
                                                   warc_content_type=ctype, warc_headers_dict=headers)
            writer.write_record(record)
    return path
