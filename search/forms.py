"""The search parameters of the page, feed and exports, validated. Bad values become messages."""

from django import forms

from search.query import SORTS, Filters

FILTER_FIELDS = tuple(Filters.__dataclass_fields__)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=False)
    sort = forms.ChoiceField(choices=[(s, s) for s in SORTS], required=False)
    published_after = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    published_before = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    source = forms.SlugField(required=False, max_length=100)
    language = forms.CharField(required=False, max_length=8)
    organisation = forms.SlugField(required=False, max_length=120)
    person = forms.SlugField(required=False, max_length=120)
    event = forms.SlugField(required=False, max_length=120)
    country = forms.RegexField(required=False, regex=r"^[A-Za-z]{2}$")

    def chosen_filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(**{name: data.get(name) or None for name in FILTER_FIELDS})

    def chosen_sort(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"

    def problems(self) -> str:
        """One line naming every bad parameter."""
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in self.errors.items())
