"""Admin: staff only, login throttled against password guessing, every change recorded."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.test import Client

from archive.models import Source

PASSWORD = "a-long-curator-passphrase"


@pytest.fixture
def curator(db):
    return User.objects.create_superuser("curator", "c@example.org", PASSWORD)


def log_in(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )


def test_admin_is_staff_only(db):
    User.objects.create_user("reader", password=PASSWORD)
    client = Client()
    client.login(username="reader", password=PASSWORD)
    response = client.get("/admin/archive/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_login_is_throttled_after_repeated_failures(curator, settings):
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "curator", "wrong").status_code == 200  # the form, with an error
    assert log_in(client, "curator", "wrong").status_code == 429
    # Locked out: even the right password is refused for this user from this address.
    assert log_in(client, "curator", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_works_before_the_limit(curator, settings):
    settings.AXES_ENABLED = True
    client = Client()
    log_in(client, "curator", "wrong")
    response = log_in(client, "curator", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.django_db
def test_every_admin_change_is_recorded(admin_client, admin_user):
    source = Source.objects.order_by("pk").first()
    url = f"/admin/archive/source/{source.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["aliases"] = ",".join(source.aliases)
    data["short_name"] = "Corrected"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = LogEntry.objects.get(object_id=str(source.pk))
    assert (entry.user, entry.action_flag) == (admin_user, CHANGE)
    assert "Short name" in entry.get_change_message()
    log = admin_client.get("/admin/admin/logentry/")
    assert log.status_code == 200 and "Corrected" in log.content.decode()
    assert admin_client.get(f"/admin/admin/logentry/{entry.pk}/change/").status_code == 200
