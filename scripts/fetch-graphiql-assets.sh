#!/bin/sh
# Refresh the GraphiQL assets served at /graphiql/static/ from the npm registry.
#
# GraphiQL must work on a police intranet without internet, so its files ship inside the
# package (core/static/graphiql/) instead of coming from a CDN. This script downloads the
# pinned versions with `npm pack`, copies the few files the page loads and their licences,
# and records the versions. Run it after changing a version below, then commit the result.
#
#   sh scripts/fetch-graphiql-assets.sh
set -eu

GRAPHIQL_VERSION=3.8.3   # the last line with a UMD build (one <script> tag, no bundler)
REACT_VERSION=18.3.1     # React 19 dropped the UMD builds GraphiQL 3 loads

root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/core/static/graphiql"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_VERSION" >/dev/null
mkdir graphiql react react-dom
tar xzf "graphiql-$GRAPHIQL_VERSION.tgz" -C graphiql
tar xzf "react-$REACT_VERSION.tgz" -C react
tar xzf "react-dom-$REACT_VERSION.tgz" -C react-dom

mkdir -p "$target"
cp graphiql/package/graphiql.min.js graphiql/package/graphiql.min.css "$target/"
cp react/package/umd/react.production.min.js "$target/"
cp react-dom/package/umd/react-dom.production.min.js "$target/"
cp graphiql/package/LICENSE "$target/LICENSE.graphiql"
cp react/package/LICENSE "$target/LICENSE.react"
cp react-dom/package/LICENSE "$target/LICENSE.react-dom"
cat > "$target/VERSIONS.txt" <<VERSIONS
graphiql $GRAPHIQL_VERSION (MIT, LICENSE.graphiql)
react $REACT_VERSION (MIT, LICENSE.react)
react-dom $REACT_VERSION (MIT, LICENSE.react-dom)
VERSIONS
echo "GraphiQL $GRAPHIQL_VERSION and React $REACT_VERSION copied to $target"
