"""Stored full-text vectors (PostgreSQL, kept by triggers) stay in the database.

A model's ``SearchVectorField`` columns are matched and ranked inside PostgreSQL only
(``search.engine``); loading them with every row would copy a parsed body or biography into
Python for nothing. Models that have them use ``VectorsDeferredManager`` as their default manager,
so every queryset, prefetch and related manager leaves them behind. Joins (``select_related``)
do not go through the manager: those querysets defer ``<relation>__search_vector`` themselves.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


def vector_fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(field.name for field in model._meta.concrete_fields if isinstance(field, SearchVectorField))


class VectorsDeferredManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().defer(*vector_fields(self.model))
