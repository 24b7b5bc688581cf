"""Error shapes shared by the API routers, so the OpenAPI document lists every status the API returns."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class NotFoundOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


ERRORS = {404: NotFoundOut, 422: ValidationErrorOut}


class Pages(PageNumberPagination):
    """Page-number paging with bounded numbers: a page beyond any real result is 422, never a database error."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


def links(**targets: tuple[str, dict[str, str]]) -> dict:
    """OpenAPI links from an operation's 200 answer to the operations its values lead to.

    `name=(operationId, {parameter: runtime expression})`; clients (and the API's stateful tests) follow
    them from a list to its entries without guessing ids.
    """
    return {"responses": {"200": {"links": {
        name: {"operationId": operation, "parameters": parameters} for name, (operation, parameters) in targets.items()
    }}}}
