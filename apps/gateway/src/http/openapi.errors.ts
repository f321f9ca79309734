import type { OpenAPIObject } from '@nestjs/swagger';
import { titleFor } from './problem';

type Operation = {
  operationId?: string;
  tags?: string[];
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Operations under these tags are answered by the gateway itself; every other one calls a service. */
const GATEWAY_ONLY_TAGS = new Set(['identity', 'admin', 'operations']);

const PROBLEM_REF = '#/components/schemas/Problem';

const PROBLEM_SCHEMAS = {
  ProblemFieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: { field: { type: 'string' }, message: { type: 'string' } },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem document; `detail` follows Accept-Language (en, ru), `code` never does',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', example: 'urn:engage:problem:not_found' },
      title: { type: 'string', example: 'Not Found' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      code: { type: 'string', description: 'Stable, for programs', example: 'not_found' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/ProblemFieldError' } },
      requestId: { type: 'string' },
      errorId: { type: 'string', description: 'Set on 500: quote it when reporting the error' },
    },
  },
};

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid input; every invalid field is listed',
  401: 'No or bad credentials',
  404: 'Unknown id',
  413: 'The body is larger than allowed',
  415: 'Not JSON, or a Content-Encoding other than identity',
  503: 'A service behind the gateway is not answering',
};

/** The error statuses an operation can answer with, from what it takes and how it is guarded. */
export function errorStatusesOf(operation: Operation): number[] {
  const statuses = new Set<number>(
    Object.keys(operation.responses)
      .map(Number)
      .filter((status) => status >= 400),
  );
  const parameters = operation.parameters ?? [];
  if (operation.requestBody || parameters.length > 0) statuses.add(400);
  if (operation.requestBody) [413, 415].forEach((status) => statuses.add(status));
  if (parameters.some((parameter) => parameter.in === 'path')) statuses.add(404);
  if ((operation.security ?? []).length > 0) statuses.add(401);
  const tags = operation.tags ?? [];
  if (tags.length > 0 && !tags.some((tag) => GATEWAY_ONLY_TAGS.has(tag))) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

/**
 * Makes the generated document say what the API answers: a Problem schema, every error status each
 * operation can give (as application/problem+json; 429 and 503 with Retry-After), and `format: uuid` on the path
 * parameters the routes check as UUIDs. One pass over the document, instead of decorators repeated on
 * every route.
 */
export function describeErrors(
  document: OpenAPIObject,
  uuidParameters: ReadonlyMap<string, ReadonlySet<string>>,
): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...PROBLEM_SCHEMAS };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const uuids = uuidParameters.get(operation.operationId ?? '');
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' && uuids?.has(parameter.name)) {
          parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
        }
      }
      for (const status of errorStatusesOf(operation)) {
        const declared = operation.responses[String(status)];
        operation.responses[String(status)] = {
          description: declared?.description || DEFAULT_DESCRIPTIONS[status] || titleFor(status),
          content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
          ...(status === 429 || status === 503
            ? {
                headers: {
                  'Retry-After': {
                    description: 'Seconds until a new attempt may succeed',
                    schema: { type: 'integer', minimum: 1 },
                  },
                },
              }
            : {}),
        };
      }
    }
  }
  return document;
}
