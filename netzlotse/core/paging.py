from django.core.paginator import Paginator

PER_PAGE = 20


def paginate(request, queryset, per_page=PER_PAGE):
    """A page of the queryset; a page number out of range shows the last page instead of an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("seite"))
