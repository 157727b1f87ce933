/**
 * The executable schema: the SDL subset plus the resolvers of every resource. A new resource
 * (code locations, agents, ...) adds a `resolvers/<resource>.ts` map and one entry in RESOURCES.
 */
import {
  buildSchema,
  defaultFieldResolver,
  getNullableType,
  GraphQLError,
  isObjectType,
  isUnionType,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import type { RequestContext } from "../context.ts";
import { SDL } from "../schema.ts";
import { agentResolvers } from "./agents.ts";
import { deploymentResolvers } from "./deployments.ts";
import { errorMember } from "./errors.ts";
import { locationResolvers } from "./locations.ts";
import type { ResolverMap } from "./types.ts";

const RESOURCES: ResolverMap[] = [deploymentResolvers, locationResolvers, agentResolvers];

type FieldResolver = GraphQLFieldResolver<unknown, RequestContext>;

function attach(schema: GraphQLSchema, map: ResolverMap): void {
  for (const [typeName, fields] of Object.entries(map)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`resolvers for ${typeName}, which is not an object type of the SDL`);
    const defined = type.getFields();
    for (const [fieldName, resolver] of Object.entries(fields)) {
      const field = defined[fieldName];
      if (!field) throw new Error(`resolver for ${typeName}.${fieldName}, which is not in the SDL`);
      if (field.resolve) throw new Error(`two resolvers for ${typeName}.${fieldName}`);
      field.resolve = resolver as FieldResolver;
    }
  }
}

/** Makes every mutation field honour a pending `result` fault before running its resolver. */
function honourResultFaults(mutation: GraphQLObjectType): void {
  for (const field of Object.values(mutation.getFields())) {
    const inner: FieldResolver = field.resolve ?? defaultFieldResolver;
    const union = getNullableType(field.type);
    field.resolve = (parent, args, ctx, info) => {
      const fault = ctx.resultFault;
      if (!fault) return inner(parent, args, ctx, info);
      if (isUnionType(union) && union.getTypes().some((t) => t.name === fault.typename)) {
        return errorMember(fault.typename, fault.message, fault.errors);
      }
      throw new GraphQLError(
        `emulator: a "${fault.typename}" result fault cannot apply to ${field.name}, whose type ${String(field.type)} has no such member`,
      );
    };
  }
}

export function buildEmulatorSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  for (const map of RESOURCES) attach(schema, map);
  const mutation = schema.getMutationType();
  if (mutation) honourResultFaults(mutation);
  return schema;
}
