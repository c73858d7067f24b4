"""A small news site served on 127.0.0.1 (a free port) for the collector's tests.

A feed and a sitemap list its pages; robots.txt disallows /private/; one page changes when
`site.version` does; /old-story redirects; /gone.html is a 404; an image; a slow page; a page
larger than the tests' size limit; a page in windows-1258. Every request is logged."""

import contextlib
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPHS = [
    "Vietnamese police have joined a regional operation coordinated by ASEANAPOL and INTERPOL "
    "against scam compounds that lure victims with fake job offers and force them to defraud "
    "people online.",
    "Deputy Minister of Public Security Le Quy Vuong told a meeting in Hanoi that Vietnam would "
    "share intelligence on recruitment networks and money laundering routes with police in "
    "Cambodia, Thailand and the Philippines.",
    "The operation follows a series of arrests in which suspects from several countries were "
    "charged with fraud and human trafficking, officials said after the two-day meeting.",
]


def page(title: str, paragraphs: list[str], published: str = "2025-09-02T09:30:00+00:00") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Fixture News</title>
<meta property="og:site_name" content="Fixture News">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>Fixture News, all rights reserved.</footer>
</body></html>"""


TONES = "\u0300\u0301\u0303\u0309\u0323"  # the marks windows-1258 writes after the letter


def cp1258(text: str) -> bytes:
    """Vietnamese in windows-1258 as sites write it: letters it lacks precomposed (ộ) are the
    letter it has (ô) followed by a combining tone mark."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        tones = "".join(c for c in decomposed if c in TONES)
        out.append(char.encode("cp1258") if char in base else (base + tones).encode("cp1258"))
    return b"".join(out)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


class FixtureSite:
    def __init__(self, host: str = "127.0.0.1", slow_seconds: float = 3.0, pages: int = 0):
        self.version = 1
        self.slow_seconds = slow_seconds
        self.extra_pages = pages  # /many/N.html pages listed by /many.xml (throughput runs)
        self.requests: list[str] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with site.lock:
                    site.requests.append(self.path)
                status, headers, body = site.respond(self.path)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The collector may stop reading (a page over its size limit).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.host, self.port = host, self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def fetched(self, path: str) -> int:
        return sum(1 for p in self.requests if p == path)

    def changing(self) -> bytes:
        if self.version == 1:
            words = [*PARAGRAPHS, "Twelve suspects were handed over at the Moc Bai border gate."]
        else:
            words = [
                *PARAGRAPHS,
                "Fifteen suspects were handed over at the Moc Bai border gate on Friday.",
            ]
        return page("Suspects handed over at the border", words).encode()

    def respond(self, path: str):
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path == "/feed.xml":
            items = "".join(
                f"<item><title>{p}</title><link>{self.base}{p}</link></item>"
                for p in [
                    "/news/a.html",
                    "/news/changing.html",
                    "/old-story",
                    "/gone.html",
                    "/private/secret.html",
                    "/slow.html",
                    "/huge.html",
                    "/news/vn.html",
                ]
            )
            rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title>{items}</channel></rss>'
            return 200, {"Content-Type": "application/rss+xml"}, rss.encode()
        if path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>{self.base}{p}</loc></url>"
                for p in ["/news/a.html", "/news/c.html", "/images/photo.png"]
            )
            xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return 200, {"Content-Type": "application/xml"}, xml.encode()
        if path == "/many.xml":
            urls = "".join(
                f"<url><loc>{self.base}/many/{n}.html</loc></url>" for n in range(self.extra_pages)
            )
            xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return 200, {"Content-Type": "application/xml"}, xml.encode()
        if path.startswith("/many/"):
            number = path.removeprefix("/many/").removesuffix(".html")
            title = f"Regional cyber operation report number {number}"
            return 200, html, page(title, [f"Report {number}.", *PARAGRAPHS]).encode()
        if path == "/news/a.html":
            return (
                200,
                html,
                page("Vietnam joins regional operation against scams", PARAGRAPHS).encode(),
            )
        if path == "/news/b.html":
            return (
                200,
                html,
                page("Cambodia and Vietnam sign a cybercrime agreement", PARAGRAPHS[::-1]).encode(),
            )
        if path == "/news/c.html":
            return (
                200,
                html,
                page("Training course on digital evidence opens in Hanoi", PARAGRAPHS[1:]).encode(),
            )
        if path == "/news/changing.html":
            return 200, html, self.changing()
        if path == "/news/vn.html":
            text = page(
                "Hợp tác quốc tế phòng chống tội phạm mạng",
                [
                    "Bộ Công an Việt Nam và Interpol tăng cường hợp tác phòng chống tội phạm mạng xuyên quốc gia.",
                    "Thượng tướng Lê Quốc Hùng, Thứ trưởng Bộ Công an, đã tiếp đoàn công tác tại Hà Nội.",
                    "Hai bên thống nhất trao đổi thông tin và đào tạo cán bộ điều tra trong năm tới.",
                ],
            ).replace('<meta charset="utf-8">', '<meta charset="windows-1258">')
            return (
                200,
                {"Content-Type": "text/html; charset=windows-1258"},
                cp1258(text),
            )
        if path == "/old-story":
            return 301, {"Location": "/news/b.html"}, b""
        if path == "/images/photo.png":
            return 200, {"Content-Type": "image/png"}, PNG
        if path == "/slow.html":
            time.sleep(self.slow_seconds)
            return (
                200,
                html,
                page("A slow page about a cyber security conference", PARAGRAPHS).encode(),
            )
        if path == "/huge.html":
            return 200, html, page("A huge page", PARAGRAPHS * 2000).encode()
        if path.startswith("/private/"):
            return 200, html, page("Private", PARAGRAPHS).encode()
        return 404, html, b"<html><body><h1>Not found</h1></body></html>"
