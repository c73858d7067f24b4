"""Rate-limit counters need no crash safety: an UNLOGGED table writes no WAL, so counting a
request costs no disk flush (a crash empties it, which only resets the windows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_article_bands"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE archive_apiratebucket SET UNLOGGED",
            "ALTER TABLE archive_apiratebucket SET LOGGED",
        ),
    ]
