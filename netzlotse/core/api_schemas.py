"""Error shapes shared by the API routers, so the OpenAPI document lists every status the API returns."""

from typing import Any

from ninja import Schema


class NotFoundOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


ERRORS = {404: NotFoundOut, 422: ValidationErrorOut}
