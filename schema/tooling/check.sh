#!/usr/bin/env bash
# Schema checks for CI and developers: lint schema/schema.graphql with the committed rule set
# (.graphql-schema-linterrc), and refuse breaking changes against schema/released.graphql that
# schema/CHANGELOG.md does not record. Both run; the script fails if either finds something.
# Install the pinned tools first: npm ci --prefix schema/tooling
set -uo pipefail
tooling="$(cd "$(dirname "$0")" && pwd)"
schema_dir="$(dirname "$tooling")"
bin="$tooling/node_modules/.bin"
[ -x "$bin/graphql-schema-linter" ] || { echo "schema tools missing: run 'npm ci --prefix schema/tooling'"; exit 2; }
new_schema="${1:-$schema_dir/schema.graphql}"
released="${2:-$schema_dir/released.graphql}"
status=0

echo "-- graphql-schema-linter"
"$bin/graphql-schema-linter" --config-directory "$tooling" --format compact "$new_schema" || status=1

echo "-- graphql-inspector diff $(basename "$released") $(basename "$new_schema")"
FENGQIAO_RELEASED_SCHEMA="$released" "$bin/graphql-inspector" diff "$released" "$new_schema" \
  --onComplete "$tooling/recorded-breaking-changes.cjs" || status=1

exit $status
