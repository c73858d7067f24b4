"""Locust load profile: readers of pages, search and the API at a steady rate.

Each simulated user makes RATE requests per second (constant_throughput), so the total rate is
users x RATE whatever the latency. Run it with tests/load/run.py, which starts gunicorn.
"""

import os
import random

from locust import HttpUser, constant_throughput, task

RATE = float(os.environ.get("LOAD_RATE_PER_USER", "2"))
QUERIES = [
    "an ninh",
    "toi pham cong nghe cao",
    "tội phạm mạng",
    '"hợp tác quốc tế"',
    "Interpol OR UNODC",
    "Bộ Công an -ma",
    "luong tam quang",
    "cybercrime",
]


class Reader(HttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self):
        items = self.client.get("/api/v1/articles?page_size=50", name="/api/v1/articles").json()
        self.slugs = [item["slug"] for item in items["items"]] or ["missing"]

    @task(3)
    def search_page(self):
        self.client.get("/search/", params={"q": random.choice(QUERIES)}, name="/search/")

    @task(3)
    def search_api(self):
        self.client.get(
            "/api/v1/search", params={"q": random.choice(QUERIES)}, name="/api/v1/search"
        )

    @task(2)
    def article_page(self):
        self.client.get(f"/articles/{random.choice(self.slugs)}/", name="/articles/<slug>/")

    @task(1)
    def home(self):
        self.client.get("/", name="/")

    @task(1)
    def article_api(self):
        self.client.get(
            f"/api/v1/articles/{random.choice(self.slugs)}", name="/api/v1/articles/<slug>"
        )

    @task(1)
    def articles_api(self):
        self.client.get("/api/v1/articles?page_size=20", name="/api/v1/articles")
