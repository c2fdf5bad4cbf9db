"""What mypy sees of a select, where Peewee's own stubs fall short. A stub only: nothing
here runs, and only `if TYPE_CHECKING:` blocks import it.

The stubs give `.dicts()` and `.tuples()` the type of the query they are called on, so a
loop over `Opportunity.select(...).tuples()` looks like a loop over Opportunity models; at
run time those rows are dicts and tuples. `BaseModel.select` is declared (for mypy) to
return `TypedSelect`, whose `.dicts()` and `.tuples()` say so, and whose `.first()` says
that it gives a model or None.
"""

from collections.abc import Iterator
from typing import Any, Generic, Literal, TypeVar, overload

from peewee import Model, ModelSelect

_M = TypeVar("_M", bound=Model)
_Row = TypeVar("_Row")

class TypedSelect(ModelSelect[_M]):
    def dicts(self, as_dict: bool = True) -> Rows[dict[str, Any]]: ...
    def tuples(self, as_tuple: bool = True) -> Rows[tuple[Any, ...]]: ...
    @overload
    def first(self, database: Any = None, n: Literal[1] = 1) -> _M | None: ...
    @overload
    def first(self, database: Any = None, n: int = 1) -> Any: ...  # n > 1: a list

class Rows(TypedSelect[Any], Generic[_Row]):
    """A select whose rows are `_Row`s rather than models."""

    def __iter__(self) -> Iterator[_Row]: ...
