"""Rate limits for everyone (限流), shared across workers.

Every GraphQL operation counts against one bucket: anonymous callers by client address,
logged-in callers by user, separately for reads (queries, subscriptions), writes (mutations)
and exports (root fields named ``export…``). Counters live in Redis when ``[rate_limits]
storage = "redis"`` (so four workers enforce one limit, not four), in process memory otherwise.

Addresses are never stored: the limiter keys a bucket by a keyed hash of the address whose key
changes every day, and counters expire with their window. Anonymous informants (tips, surveys)
are therefore not traceable through the limiter either.
"""

from core.ratelimit.limiter import Category, RateLimits, categorise

__all__ = ["Category", "RateLimits", "categorise"]
