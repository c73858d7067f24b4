"""Collecting the web: fetch politely, write WARC/1.1, keep every capture, on demand or on a
schedule (`fetch` -> `warc` -> `service`; `feeds` lists what a crawl fetches; `tasks` queues it)."""
