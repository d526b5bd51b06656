"""A query document to SQL that builds its JSON, or `None` when any part is not ours to answer.

Compiled once per document text and operation name (an LRU cache), so a dashboard's query
costs its parse and validation once, not per request.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    parse,
    validate,
)

from finance_graphql.compiled import sql
from finance_graphql.compiled.mapping import TYPES, Relation, Scalar

# Root list fields the compiled path answers, and the GraphQL type of their nodes.
ROOT_LISTS = {"invoices": "Invoice", "payments": "Payment"}
CONNECTION_PARTS = {"edges", "pageInfo", "totalCount", "__typename"}
PAGE_INFO = {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"}


class Unsupported(Exception):
    """This document (or part) is answered by ordinary GraphQL execution."""


@dataclass(frozen=True)
class Part:
    """One selected key of a connection, in response order."""

    key: str  # response key (alias or name)
    name: str  # field name
    children: tuple[Part, ...] = ()
    node_sql: str | None = None  # for edges.node: JSON of the node over alias `t`


@dataclass(frozen=True)
class RootList:
    """A root connection field: its response key, field node (arguments are read per
    request), the node type, and the parts selected."""

    key: str
    field: str
    node: FieldNode
    type_name: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Plan:
    operation: OperationDefinitionNode
    roots: tuple[RootList, ...]


class _Walker:
    """Turns selection sets into SQL, flattening fragments and naming unique aliases."""

    def __init__(self, document: DocumentNode, max_depth: int) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.max_depth = max_depth
        self.aliases = itertools.count()

    def fields(self, selection_set: SelectionSetNode | None, type_name: str) -> Iterator[FieldNode]:
        """The fields selected on `type_name`, fragments flattened, in document order."""
        if selection_set is None:
            raise Unsupported("a selection set is required")
        for selection in selection_set.selections:
            if selection.directives:
                raise Unsupported("directives")
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is not None and condition.name.value != type_name:
                    raise Unsupported("a fragment on another type")
                yield from self.fields(selection.selection_set, type_name)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                if fragment.type_condition.name.value != type_name:
                    raise Unsupported("a fragment on another type")
                yield from self.fields(fragment.selection_set, type_name)

    def node_json(
        self, selection_set: SelectionSetNode | None, type_name: str, alias: str, depth: int
    ) -> str:
        """json_build_object(...) of the selected fields of a row of `type_name` at `alias`."""
        if depth > self.max_depth:
            raise Unsupported("too deep")
        mapping = TYPES.get(type_name)
        if mapping is None:
            raise Unsupported(type_name)
        pairs: OrderedDict[str, str] = OrderedDict()
        for field in self.fields(selection_set, type_name):
            key = field.alias.value if field.alias else field.name.value
            if field.arguments:
                raise Unsupported("arguments on nested fields")
            pairs[key] = self.field_sql(field, type_name, mapping, alias, depth)
        if not pairs or len(pairs) > 50:  # json_build_object takes at most 100 arguments
            raise Unsupported("field count")
        body = ", ".join(f"{sql.literal(k)}, {v}" for k, v in pairs.items())
        return f"json_build_object({body})"

    def field_sql(
        self,
        field: FieldNode,
        type_name: str,
        mapping: dict[str, Scalar | Relation],
        alias: str,
        depth: int,
    ) -> str:
        name = field.name.value
        if name == "__typename":
            return sql.literal(type_name)
        spec = mapping.get(name)
        if spec is None:
            raise Unsupported(f"{type_name}.{name}")
        if isinstance(spec, Scalar):
            if field.selection_set is not None:
                raise Unsupported("selection on a scalar")
            return spec.expression(alias)
        child = f"x{next(self.aliases)}"
        inner = self.node_json(field.selection_set, spec.target, child, depth + 1)
        source = spec.source(alias, child)
        if not spec.many:
            return f"(SELECT {inner} {source})"
        order = f" ORDER BY {spec.order(child)}" if spec.order else ""
        return f"coalesce((SELECT json_agg({inner}{order}) {source}), '[]'::json)"

    def connection(self, field: FieldNode, type_name: str) -> tuple[Part, ...]:
        parts: list[Part] = []
        connection_type = f"{type_name}Connection"
        for part in self.fields(field.selection_set, connection_type):
            key = part.alias.value if part.alias else part.name.value
            name = part.name.value
            if name not in CONNECTION_PARTS:
                raise Unsupported(name)
            if name == "edges":
                parts.append(Part(key, name, self.edges(part, type_name)))
            elif name == "pageInfo":
                children = tuple(
                    Part(p.alias.value if p.alias else p.name.value, p.name.value)
                    for p in self.fields(part.selection_set, "PageInfo")
                )
                if any(c.name not in PAGE_INFO for c in children):
                    raise Unsupported("pageInfo field")
                parts.append(Part(key, name, children))
            else:
                parts.append(Part(key, name))
        return tuple(parts)

    def edges(self, field: FieldNode, type_name: str) -> tuple[Part, ...]:
        parts: list[Part] = []
        for edge in self.fields(field.selection_set, f"{type_name}Edge"):
            key = edge.alias.value if edge.alias else edge.name.value
            name = edge.name.value
            if name == "node":
                parts.append(
                    Part(
                        key,
                        name,
                        node_sql=self.node_json(edge.selection_set, type_name, "t", depth=3),
                    )
                )
            elif name in ("cursor", "__typename"):
                parts.append(Part(key, name))
            else:
                raise Unsupported(name)
        return tuple(parts)


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [o for o in operations if o.name and o.name.value == name]
    if len(operations) != 1:
        raise Unsupported("operation")
    return operations[0]


@dataclass(frozen=True)
class Limits:
    """The same limits the GraphQL path enforces; a document past one is left to it (it
    answers with the error)."""

    max_depth: int
    max_aliases: int
    max_tokens: int


def _alias_count(node: object) -> int:
    count = 0
    if isinstance(node, FieldNode) and node.alias is not None:
        count += 1
    selection_set = getattr(node, "selection_set", None)
    if selection_set is not None:
        count += sum(_alias_count(s) for s in selection_set.selections)
    return count


def compile_document(
    schema: GraphQLSchema, query: str, operation_name: str | None, limits: Limits
) -> Plan | None:
    """The plan of a document, or None when it is invalid or not entirely compilable."""
    try:
        document = parse(query, max_tokens=limits.max_tokens)
    except GraphQLError:
        return None
    if sum(_alias_count(d) for d in document.definitions) > limits.max_aliases:
        return None
    if validate(schema, document):
        return None
    max_depth = limits.max_depth
    try:
        operation = _operation(document, operation_name)
        if operation.operation is not OperationType.QUERY:
            raise Unsupported("not a query")
        walker = _Walker(document, max_depth)
        roots = []
        for field in walker.fields(operation.selection_set, "Query"):
            name = field.name.value
            if name not in ROOT_LISTS:
                raise Unsupported(name)
            key = field.alias.value if field.alias else name
            type_name = ROOT_LISTS[name]
            roots.append(RootList(key, name, field, type_name, walker.connection(field, type_name)))
    except Unsupported:
        return None
    return Plan(operation, tuple(roots))


class PlanCache:
    """Bounded LRU of compiled plans (None cached too: such documents skip straight to GraphQL)."""

    def __init__(self, schema: GraphQLSchema, limits: Limits, size: int = 256) -> None:
        self.schema = schema
        self.limits = limits
        self.size = size
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()

    def get(self, query: str, operation_name: str | None) -> Plan | None:
        key = (query, operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = compile_document(self.schema, query, operation_name, self.limits)
        self._plans[key] = plan
        if len(self._plans) > self.size:
            self._plans.popitem(last=False)
        return plan
