"""GraphQL execution with a short path for plain fields and plain lists.

Most of a list answer is plain: a dispute's ``status`` read from its object, its ``area``
already loaded with the page, its ``parties`` with their names. graphql-core treats each such
field like any other: a resolve-info object, argument lookup, the resolver (through Strawberry's
wrappers), then a walk of the return type (non-null, list, object, leaf). For a page of 50 rows
with their children that is over a thousand fields and most of the execution time.

``ExecutionContext`` answers them directly, with the plans of ``core.graphql.field_plans``:

- a plain leaf field (Strawberry's default resolver, a scalar or enum type) is read and coerced
  by its type; a personal field is masked on the way by its masking function, which also records
  a full view;
- a list of objects whose selected fields are all plain — leaves, ``__typename``, plain object
  attributes (an edge's ``node``), and fields declared with a quick answer (``related_field``,
  ``children_field``: rows the page has already loaded) — is answered in one loop, nested lists
  and objects included.

Anything else goes the usual way: a missing value of a non-null field, a value its type refuses,
a resolver error, an object its type does not accept, children not loaded yet. The whole list
then takes the usual path, which answers and reports exactly as before. Field middleware, when
a deployment has any, turns the short path off.
"""

from typing import Any

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from core.graphql.column_reads import Reads, selection_reads
from core.graphql.field_plans import MISSING, LeafPlan, Shape, answer_leaf, field_plans, shape_of


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self.plans = field_plans(self.schema) if manager is None or not manager.middlewares else {}
        self._shapes: dict[tuple[Any, int], tuple[Any, Shape | None]] = {}

    def execute_field(self, parent_type, source, field_details_list, path, position_context):  # type: ignore[no-untyped-def]
        fields = self.plans.get(parent_type)
        if fields is not None:
            plan = fields.get(field_details_list[0].node.name.value)
            if isinstance(plan, LeafPlan):
                value = answer_leaf(plan, source, self.context_value)
                if value is not MISSING:
                    return value
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def complete_value(self, return_type, field_details_list, info, path, result, position_context):  # type: ignore[no-untyped-def]
        if isinstance(result, list) and self.plans:
            shape = self._shape(return_type, field_details_list)
            if shape is not None:
                answered = shape.answer(result)
                if answered is not MISSING:
                    return answered
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)

    def _shape(self, return_type: Any, field_details_list: Any) -> Shape | None:
        # Per request and selection, as graphql-core memoizes its sub-fields: the identity of
        # the details list, kept alive with the entry so that the id is not reused.
        key = (return_type, id(field_details_list))
        cached = self._shapes.get(key)
        if cached is None:
            shape = shape_of(
                self.plans, self.collect_subfields, self._reads, self.context_value, return_type, field_details_list
            )
            cached = self._shapes[key] = (field_details_list, shape)
        return cached[1]

    def _reads(self, return_type: Any, field_details_list: Any) -> Reads:
        nodes = [details.node for details in field_details_list]
        return selection_reads(self.schema, return_type, nodes, self.fragments)
