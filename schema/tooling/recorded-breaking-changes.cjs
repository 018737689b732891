// Completion handler for `graphql-inspector diff --onComplete`: a breaking change passes only
// when schema/CHANGELOG.md records it. The "## Unreleased" section's "### Breaking" list names
// each accepted change by its schema coordinate in backticks at the start of a bullet:
//
//   ## Unreleased
//   ### Breaking
//   - `RecordPartyMeetingInput.meetingType`: String → PartyMeetingType; send the enum value.
//
// A change the inspector reports without a coordinate is named by its whole message instead.
// Only the Unreleased section counts: entries of a past release accepted that release's changes.
"use strict";

const fs = require("fs");
const path = require("path");

const CHANGELOG = process.env.FENGQIAO_SCHEMA_CHANGELOG || path.join(__dirname, "..", "CHANGELOG.md");
const RELEASED = process.env.FENGQIAO_RELEASED_SCHEMA || path.join(__dirname, "..", "released.graphql");
// A field or enum value leaves the schema only after a release that marked it @deprecated;
// a bullet that says "without deprecation" records a deliberate exception (e.g. a data leak).
const REMOVALS = new Set(["FIELD_REMOVED", "ENUM_VALUE_REMOVED"]);

function recordedCoordinates(text) {
  const recorded = new Set();
  recorded.exceptions = new Set();
  let inUnreleased = false;
  let inBreaking = false;
  let inFence = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const release = /^##\s+(.*)$/.exec(line);
    if (release) {
      inUnreleased = /^\[?unreleased\]?\b/i.test(release[1].trim());
      inBreaking = false;
      continue;
    }
    const section = /^###\s+(.*)$/.exec(line);
    if (section) {
      inBreaking = inUnreleased && /^breaking\b/i.test(section[1].trim());
      continue;
    }
    const entry = inBreaking && /^\s*[-*]\s+`([^`]+)`/.exec(line);
    if (entry) {
      recorded.add(entry[1].trim());
      if (/without deprecation/i.test(line)) recorded.exceptions.add(entry[1].trim());
    }
  }
  return recorded;
}

function undeprecatedRemovals(breakingChanges, exceptions) {
  const removals = breakingChanges.filter((c) => REMOVALS.has(c.type) && !exceptions.has(coordinateOf(c)));
  if (removals.length === 0) return [];
  const { buildSchema, isEnumType, isObjectType, isInterfaceType } = require("graphql");
  const released = buildSchema(fs.readFileSync(RELEASED, "utf8"));
  return removals.filter((change) => {
    const [typeName, member] = (change.path || "").split(".");
    const type = released.getType(typeName);
    if (isEnumType(type)) return !type.getValue(member)?.deprecationReason;
    if (isObjectType(type) || isInterfaceType(type)) return !type.getFields()[member]?.deprecationReason;
    return false;
  });
}

function coordinateOf(change) {
  return change.path || change.message;
}

module.exports = function onComplete({ breakingChanges }) {
  let text = "";
  try {
    text = fs.readFileSync(CHANGELOG, "utf8");
  } catch (error) {
    console.error(`cannot read ${CHANGELOG}: ${error.message}`);
    process.exit(1);
  }
  const recorded = recordedCoordinates(text);
  const unrecorded = breakingChanges.filter((change) => !recorded.has(coordinateOf(change)));
  const accepted = breakingChanges.length - unrecorded.length;
  if (accepted) console.log(`\n${accepted} breaking change(s) recorded in ${path.basename(CHANGELOG)}.`);
  const used = new Set(breakingChanges.map(coordinateOf));
  for (const coordinate of recorded) {
    if (!used.has(coordinate)) console.log(`note: ${coordinate} is listed under Breaking but no longer breaks anything`);
  }
  const early = undeprecatedRemovals(breakingChanges, recorded.exceptions);
  if (early.length) {
    console.error(`\n${early.length} field(s) or enum value(s) removed without a release that deprecated them:`);
    for (const change of early) console.error(`- ${coordinateOf(change)}`);
    console.error("Mark them @deprecated(reason: \"Use … instead.\") for a release first, then remove them.");
    console.error('(A deliberate exception is recorded with "without deprecation" in its Breaking bullet.)');
  }
  if (unrecorded.length === 0 && early.length === 0) return;
  if (unrecorded.length === 0) process.exit(1);
  console.error(`\n${unrecorded.length} breaking change(s) against schema/released.graphql are not recorded.`);
  console.error("Make the change compatibly (add, then retire with @deprecated(reason:)), or, if it must break,");
  console.error(`record it under "## Unreleased" / "### Breaking" in schema/CHANGELOG.md:\n`);
  for (const change of unrecorded) {
    console.error(`- \`${coordinateOf(change)}\`: ${change.message}`);
  }
  process.exit(1);
};

module.exports.recordedCoordinates = recordedCoordinates;
