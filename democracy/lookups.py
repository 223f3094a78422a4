"""`field__any=[ids]`: membership in a list of ids sent as ONE parameter.

On PostgreSQL this is `field = ANY(%s::bigint[])`, the list as one array: an `IN (%s, %s, …)` of a
few hundred ids made Django prepare and psycopg bind every value, in each of the dozen parts of the
figures' statement. Elsewhere (SQLite) it is a plain `IN (…)`.
"""

from django.db.models import ForeignKey, Lookup


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [int(v) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, values]
        if not values:
            return "0 = 1", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


ForeignKey.register_lookup(AnyOf)
