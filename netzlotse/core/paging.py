from django.core.paginator import Paginator

PER_PAGE = 20


def paginate(request, queryset, per_page=PER_PAGE, count=None):
    """A page of the queryset; a page number out of range shows the last page instead of an error. `count`, where
    the caller knows it already, saves counting again."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: this is its value
    return paginator.get_page(request.GET.get("seite"))
