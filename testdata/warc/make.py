"""Writes the WARC fixtures in this folder (invented articles): python3 make.py"""
import gzip

def record(kind, uri, date, block, number, extra=b""):
    head = (b"WARC/1.1\r\nWARC-Type: " + kind + b"\r\n"
            + (b"WARC-Target-URI: " + uri + b"\r\n" if uri else b"")
            + b"WARC-Date: " + date + b"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000" + str(number).encode() + b">\r\n"
            + extra + b"Content-Length: " + str(len(block)).encode() + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"

def http(ctype, body, extra=b""):
    head = b"HTTP/1.1 200 OK\r\nServer: test\r\n" + (b"Content-Type: " + ctype + b"\r\n" if ctype else b"") + extra
    return head + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body

# Latin-1 bytes served with an HTTP charset while the page's meta wrongly claims UTF-8: the
# header must win.
quay = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Quay caf\xe9s reopen their terraces | Harbour Times</title></head>"
        "<body><nav><a href=\"/\">Home</a> <a href=\"/port\">Port</a></nav><article><h1>Quay caf\xe9s reopen their terraces</h1>"
        "<p>The caf\xe9s along the Varen quay reopened their terraces on Thursday after three weeks of work on the promenade.</p>"
        "<p>\xabWe lost the best weeks of the spring,\xbb said Ren\xe9 Aubel, who has run the Caf\xe9 du M\xf4le for twenty years.</p>"
        "<p>The city paid for new paving and forty benches, the works office said.</p></article></body></html>").encode("latin-1")
# A page with its own publication date (JSON-LD), which beats the capture date.
tram = ("<!doctype html><html><head><title>Tram extension vote set for May</title>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Tram extension vote set for May\",\"datePublished\":\"2031-04-01T17:00:00Z\"}</script>"
        "</head><body><article><p>Varen city council set its vote on the eastern tram extension for the eighth of May.</p>"
        "<p>Engineers will finish a second survey of the riverbed before then, councillor Anja Deveraux said.</p>"
        "<p>The extension would add six stops between the station and the river.</p></article></body></html>").encode()
chunks = b"".join(b"%x\r\n%s\r\n" % (len(tram[i:i + 200]), tram[i:i + 200]) for i in range(0, len(tram), 200)) + b"0\r\n\r\n"

records = [
    record(b"warcinfo", None, b"2031-04-03T10:00:00Z", b"software: hand-made fixture\r\nformat: WARC File Format 1.1\r\n", 1, b"Content-Type: application/warc-fields\r\n"),
    record(b"request", b"https://harbour-times.example/quay-cafes", b"2031-04-03T10:00:01Z", b"GET /quay-cafes HTTP/1.1\r\nHost: harbour-times.example\r\n\r\n", 2, b"Content-Type: application/http;msgtype=request\r\n"),
    record(b"response", b"https://harbour-times.example/quay-cafes", b"2031-04-03T10:00:02Z", http(b"text/html; charset=ISO-8859-1", quay), 3, b"Content-Type: application/http;msgtype=response\r\n"),
    record(b"response", b"https://harbour-times.example/logo.png", b"2031-04-03T10:00:03Z", http(b"image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"), 4, b"Content-Type: application/http;msgtype=response\r\n"),
    record(b"response", b"https://harbour-times.example/tram-vote", b"2031-04-05T08:00:00Z", http(b"text/html", chunks, b"Transfer-Encoding: chunked\r\n").replace(b"Content-Length: %d\r\n" % len(chunks), b""), 5, b"Content-Type: application/http;msgtype=response\r\n"),
    record(b"metadata", b"https://harbour-times.example/tram-vote", b"2031-04-05T08:00:01Z", b"fetchTimeMs: 41\r\n", 6, b"Content-Type: application/warc-fields\r\n"),
]

open("crawl.warc", "wb").write(b"".join(records))
# The usual .warc.gz layout: one gzip member per record.
members = [gzip.compress(r, mtime=0) for r in records]
open("crawl.warc.gz", "wb").write(b"".join(members))
# Cut inside the last response's gzip member: the records before it survive.
cut = b"".join(members[:4]) + members[4][: len(members[4]) // 2]
open("cut.warc.gz", "wb").write(cut)
# A record whose content is shorter than its Content-Length (a download cut short).
open("truncated.warc", "wb").write(b"".join(records[:3]) + records[4][:300])
# Binary junk with a WARC name.
open("junk.warc", "wb").write(bytes((i * 37 + 11) % 256 for i in range(600)))
