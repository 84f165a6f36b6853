"""Hot read queries whose SQL the ORM works out once per process, then only runs."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable

# The values a query is compiled with: numbers no row id ever takes, yet in
# range for a 32-bit id (out of range, Django drops the condition unasked).
_STAND_IN = -(2**31)


@dataclass(frozen=True)
class _Value:
    """A parameter given per call, by name."""

    name: str


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple  # fixed values, and _Value for those given per call
    converters: dict  # column position -> (converters, expression)
    attnames: tuple  # the model's fields, in column order (model queries)
    model: type


class CompiledQuery:
    """An ordinary queryset over named integer values (ids), compiled once.

    Django builds a query's SQL anew on every call. For a wide join that
    costs more than the database takes to answer it: the access policy's
    read of an enrolment with all its progress takes the ORM 1.7 ms to build
    and the database 0.1 ms to run. A compiled query is built the first time
    with stand-in numbers, and afterwards only executed with the real ones;
    each row goes through the same converters the ORM applies, so values come
    back as the ORM gives them (datetimes, decimals, JSON).

    `build` takes the values by name and returns the queryset: a
    `values_list` query (aggregates too) for `rows()`, a plain model query
    (no `select_related`, no annotations) for `objects()`. Each value must
    reach the SQL as a parameter, which `filter(user_id=user)` and the like
    do.
    """

    def __init__(self, build, using=DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self._compiled = None

    def rows(self, **values):
        """The rows as tuples, in `values_list` order."""
        compiled, connection, raw = self._execute(values)
        return [self._convert(row, compiled, connection) for row in raw]

    def objects(self, **values):
        """The rows as model instances, as if read by the queryset."""
        compiled, connection, raw = self._execute(values)
        return [
            compiled.model.from_db(
                self.using, compiled.attnames, self._convert(row, compiled, connection)
            )
            for row in raw
        ]

    def _execute(self, values):
        compiled = self._compiled or self._compile(sorted(values))
        params = [
            values[param.name] if isinstance(param, _Value) else param
            for param in compiled.params
        ]
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return compiled, connection, cursor.fetchall()

    @staticmethod
    def _convert(row, compiled, connection):
        if not compiled.converters:
            return row
        row = list(row)
        for position, (converters, expression) in compiled.converters.items():
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)

    def _compile(self, names):
        stand_ins = {name: _STAND_IN + n for n, name in enumerate(names)}
        queryset = self.build(**stand_ins)
        query = queryset.query
        compiler = query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        by_number = {number: name for name, number in stand_ins.items()}
        slots = tuple(
            _Value(by_number[param])
            if isinstance(param, int) and param in by_number
            else param
            for param in params
        )
        missing = set(names) - {slot.name for slot in slots if isinstance(slot, _Value)}
        if missing:
            raise ValueError(f"{sorted(missing)} never reach the query's SQL.")
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        attnames = ()
        if queryset._iterable_class is ModelIterable:  # not values_list
            if compiler.klass_info.get("related_klass_infos") or query.annotations:
                raise ValueError("A compiled model query reads its own fields only.")
            attnames = tuple(column.target.attname for column in columns)
        self._compiled = _Compiled(
            sql=sql,
            params=slots,
            converters=compiler.get_converters(columns),
            attnames=attnames,
            model=query.model,
        )
        return self._compiled
