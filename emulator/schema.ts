import { AGENTS } from "./schema/agents.ts";
import { DEPLOYMENTS } from "./schema/deployments.ts";
import { ERRORS } from "./schema/errors.ts";
import { LOCATIONS } from "./schema/locations.ts";

/**
 * The subset of the Dagster+ GraphQL schema that the emulator serves, written by hand.
 *
 * Every type, field, argument, enum value and union member here agrees exactly with the real
 * schema (`../shared/dagster-plus/schema.graphql`); `test/emulator/schema-conformance.test.ts`
 * checks that mechanically. Object types may list fewer fields than the real ones; inputs, enums
 * and unions must be complete so that the emulator accepts and rejects exactly what the service
 * does.
 *
 * The SDL is split by resource (`schema/<resource>.ts`). A resource adds its root fields with
 * `extend type CloudQuery` / `extend type CloudMutation`, so a new resource (code locations,
 * agents, ...) is one more file and one more entry below. Everything is string constants, so a
 * bundled build needs no file reads.
 */

const ROOT = /* GraphQL */ `
schema {
  query: CloudQuery
  mutation: CloudMutation
}

scalar GenericScalar

type CloudQuery

type CloudMutation
`;

/** The whole subset, ready for `buildSchema`. */
export const SDL: string = [ROOT, ERRORS, DEPLOYMENTS, LOCATIONS, AGENTS].join("\n");
