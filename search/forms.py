"""The search parameters of the page, feed and exports, validated. Bad values become messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.query import SORTS, Filters

FILTER_FIELDS = tuple(Filters.__dataclass_fields__)


class SearchForm(forms.Form):
    # Labels name the parameters in messages, in the reader's language.
    q = forms.CharField(label=_("Search"), required=False, strip=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=[(s, s) for s in SORTS], required=False)
    published_after = forms.DateField(label=_("From"), required=False, input_formats=["%Y-%m-%d"])
    published_before = forms.DateField(label=_("Until"), required=False, input_formats=["%Y-%m-%d"])
    source = forms.SlugField(label=_("Source"), required=False, max_length=100)
    language = forms.CharField(label=_("Language"), required=False, max_length=8)
    organisation = forms.SlugField(label=_("Organisation"), required=False, max_length=120)
    person = forms.SlugField(label=_("Person"), required=False, max_length=120)
    event = forms.SlugField(label=_("Event"), required=False, max_length=120)
    country = forms.RegexField(label=_("Country"), required=False, regex=r"^[A-Za-z]{2}$")

    def chosen_filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(**{name: data.get(name) or None for name in FILTER_FIELDS})

    def chosen_sort(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"

    def problems(self) -> str:
        """One line naming every bad parameter."""
        return "; ".join(
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        )
