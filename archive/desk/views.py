"""The desk's pages: the queue, and one POST per action. Staff only (the admin's sign-in)."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.desk import services
from archive.desk.suspects import person_is_suspect


def _record(kind: str, slug: str):
    if kind not in services.MODELS:
        from django.http import Http404

        raise Http404("no such kind")
    return get_object_or_404(services.MODELS[kind], slug=slug)


@staff_member_required
def desk_queue(request):
    waiting = services.queue()
    suspects = {p.pk for p in waiting["people"] if person_is_suspect(p)}
    context = {**waiting, "suspects": suspects, "log": services.desk_log()}
    return render(request, "desk/queue.html", context)


@staff_member_required
@require_POST
def desk_accept(request, kind: str, slug: str):
    record = _record(kind, slug)
    services.record_accept(user=request.user, record=record)
    messages.success(request, _("Accepted: %(record)s") % {"record": record})
    return redirect("desk_queue")


@staff_member_required
@require_POST
def desk_reject(request, kind: str, slug: str):
    record = _record(kind, slug)
    services.record_reject(user=request.user, record=record)
    messages.success(request, _("Rejected: %(record)s") % {"record": record})
    return redirect("desk_queue")


@staff_member_required
@require_POST
def desk_merge(request, kind: str, slug: str):
    drop = _record(kind, slug)
    into = (request.POST.get("into") or "").strip()
    keep = services.MODELS[kind].objects.filter(slug=into).first()
    if keep is None:
        messages.error(request, _("No record with the slug %(slug)s.") % {"slug": into})
        return redirect("desk_queue")
    try:
        services.records_merge(user=request.user, keep=keep, drop=drop)
    except services.DeskError as exc:
        messages.error(request, str(exc))
        return redirect("desk_queue")
    messages.success(request, _("Merged %(drop)s into %(keep)s.") % {"drop": slug, "keep": into})
    return redirect("desk_queue")


def _form_class(kind: str):
    return forms.modelform_factory(services.MODELS[kind], fields=services.EDITABLE[kind])


@staff_member_required
def desk_edit(request, kind: str, slug: str):
    record = _record(kind, slug)
    form_class = _form_class(kind)
    form = form_class(
        request.POST or None, instance=services.MODELS[kind].objects.get(pk=record.pk)
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            name: (value.pk if name == "country" and value else value)
            for name, value in form.cleaned_data.items()
        }
        changed = services.record_edit(user=request.user, record=record, fields=fields)
        if changed:
            messages.success(request, _("Saved: %(fields)s") % {"fields": ", ".join(changed)})
        return redirect("desk_queue")
    return render(request, "desk/edit.html", {"form": form, "record": record, "kind": kind})
