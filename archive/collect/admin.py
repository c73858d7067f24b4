"""Captures in the admin: read-only (a capture is never edited), searchable by URL and hash."""

from django.contrib import admin

from archive.models import Capture


@admin.register(Capture)
class CaptureAdmin(admin.ModelAdmin):
    list_display = ["fetched_at", "url", "how", "status", "http_status", "size"]
    list_filter = ["status", "how"]
    search_fields = ["url", "sha256"]
    date_hierarchy = "fetched_at"
    raw_id_fields = ["article", "revisit_of"]
    exclude = ["raw"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw")
