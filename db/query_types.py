"""What mypy sees of a select, where Peewee's own stubs fall short.

The stubs give `.dicts()` and `.tuples()` the type of the query they are called on, so a
loop over `Opportunity.select(...).tuples()` looks like a loop over Opportunity models. At
run time those rows are dicts and tuples. `BaseModel.select` is declared (for mypy only) to
return `TypedSelect`, whose `.dicts()` and `.tuples()` say so. Nothing here runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from peewee import Model, ModelSelect

    _M = TypeVar("_M", bound=Model)
    _Row = TypeVar("_Row")

    class TypedSelect(ModelSelect[_M]):
        def dicts(self, as_dict: bool = True) -> Rows[dict[str, Any]]: ...
        def tuples(self, as_tuple: bool = True) -> Rows[tuple[Any, ...]]: ...

    class Rows(TypedSelect[Any], Generic[_Row]):
        """A select whose rows are `_Row`s rather than models."""

        def __iter__(self) -> Iterator[_Row]: ...
