"""Arbitrary query strings against the search page and the API: a 4xx or a 200, never a 5xx."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=400),
    st.sampled_from(["an ninh", "bo-cong-an", "vn", "2024-10-29", "c50"]).flatmap(
        lambda word: st.sampled_from([word, word + "\x00", "\x00" + word, word + "\ud7ff"])
    ),
)
PARAMS = st.dictionaries(
    st.sampled_from(
        [
            "q",
            "sort",
            "page",
            "page_size",
            "source",
            "language",
            "organisation",
            "person",
            "event",
            "country",
            "published_after",
            "published_before",
            "date_from",
            "date_to",
            "cursor",
        ]
    ),
    st.one_of(TEXT, st.sampled_from(["0", "-1", "99999999999999999999", "2024-02-30", "\x00"])),
    max_size=5,
)
URLS = ["/search/", "/api/v1/search", "/api/v1/articles", "/api/v1/organisations"]


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(url=st.sampled_from(URLS), params=PARAMS)
def test_no_query_string_makes_a_server_error(url, params):
    response = Client(raise_request_exception=False).get(url, params)
    assert response.status_code < 500, (url, params, response.content[:300])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/v1/search?q=an+ninh&organisation=%00bo", "/search/?q=an+ninh&source=bo%00"]
)
def test_nul_in_a_filter_is_a_400(url):
    assert Client(raise_request_exception=False).get(url).status_code == 400
