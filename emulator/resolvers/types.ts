/** The shape of resolver maps: `{ TypeName: { fieldName: resolver } }`, one map per resource. */
import type { GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../context.ts";

/**
 * `never` parameters let each resolver declare the precise parent and argument types it expects
 * (graphql-js has already validated and coerced the arguments against the schema).
 */
export type Resolver = (parent: never, args: never, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

export type ResolverMap = Record<string, Record<string, Resolver>>;

/** A union member: the default type resolver reads `__typename`. */
export type Member<T extends object = Record<string, unknown>> = T & { __typename: string };
