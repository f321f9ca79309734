/** The parts of an OpenAPI 3 document the hostile corpus is derived from. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: Record<string, string[]>[];
  'x-required-role'?: string;
}

export type Access = 'public' | 'reader' | 'staff';

/** One route as the corpus sees it: schemas resolved, access read from the security requirements. */
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  bodyType?: 'json' | 'multipart';
  body?: Schema;
  access: Access;
  requiredRole?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Replaces every `$ref` (and single `allOf`) by the schema it names, so generators see plain schemas. */
export function resolveSchema(schema: Schema, document: OpenApiDocument, depth = 0): Schema {
  if (depth > 20) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolveSchema(target, document, depth + 1);
  }
  if (schema.allOf?.length === 1)
    return resolveSchema({ ...schema.allOf[0], ...schema, allOf: undefined }, document, depth + 1);
  const resolved: Schema = { ...schema };
  if (schema.items) resolved.items = resolveSchema(schema.items, document, depth + 1);
  if (schema.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [
        key,
        resolveSchema(value, document, depth + 1),
      ]),
    );
  }
  return resolved;
}

function accessOf(operation: OpenApiOperation): Access {
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (schemes.includes('staff')) return 'staff';
  if (schemes.includes('reader-token')) return 'reader';
  return 'public';
}

/** Every operation of the document, in document order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method];
      const content = operation.requestBody?.content ?? {};
      const bodyType = content['multipart/form-data']
        ? 'multipart'
        : content['application/json']
          ? 'json'
          : undefined;
      const schema = content['multipart/form-data']?.schema ?? content['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          ...parameter,
          schema: parameter.schema ? resolveSchema(parameter.schema, document) : undefined,
        })),
        bodyType,
        body: schema ? resolveSchema(schema, document) : undefined,
        access: accessOf(operation),
        requiredRole: operation['x-required-role'],
      } satisfies Operation;
    }),
  );
}

/** `GET /api/v1/polls/{id}`: how operations are named in the summary. */
export const operationName = (operation: Pick<Operation, 'method' | 'path'>): string =>
  `${operation.method} ${operation.path}`;
