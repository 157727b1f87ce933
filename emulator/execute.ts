/**
 * One GraphQL request through graphql-js: parse, validate, execute. Syntax, validation and variable
 * coercion errors come back as a standard `{"errors": [...]}` result (HTTP 200, as graphene does).
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationTypeNode,
} from "graphql";
import type { RequestContext } from "./context.ts";

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The request in a parsed JSON body, or a message saying why the body is not one. */
export function toGraphQLRequest(body: unknown): GraphQLRequest | { error: string } {
  if (!isObject(body)) return { error: "Body must be a JSON object: {query, variables?, operationName?}" };
  const { query, variables, operationName } = body;
  if (typeof query !== "string" || query === "") return { error: "Must provide query string." };
  if (variables !== undefined && variables !== null && !isObject(variables)) {
    return { error: "Variables must be a JSON object." };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
    return { error: "operationName must be a string." };
  }
  return { query, variables: variables ?? null, operationName: operationName ?? null };
}

export interface PreparedRequest {
  request: GraphQLRequest;
  document: DocumentNode | undefined;
  syntaxError: GraphQLError | undefined;
  operationType: OperationTypeNode | undefined;
  /** The body's operationName, else the selected operation's name. */
  operationName: string | undefined;
}

/** Parses the document once, to learn the operation (for faults and records) before executing. */
export function prepare(request: GraphQLRequest): PreparedRequest {
  let document: DocumentNode | undefined;
  let syntaxError: GraphQLError | undefined;
  try {
    document = parse(request.query);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    syntaxError = error;
  }
  const operation = document ? getOperationAST(document, request.operationName) : null;
  return {
    request,
    document,
    syntaxError,
    operationType: operation?.operation,
    operationName: request.operationName ?? operation?.name?.value,
  };
}

export async function run(
  schema: GraphQLSchema,
  prepared: PreparedRequest,
  context: RequestContext,
): Promise<ExecutionResult> {
  const { document, syntaxError, request } = prepared;
  if (!document) return { errors: syntaxError ? [syntaxError] : [] };
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { errors: validationErrors };
  return await execute({
    schema,
    document,
    variableValues: request.variables,
    operationName: request.operationName,
    contextValue: context,
  });
}
