import type { OpenApiDocument } from './openapi-operations';

/** A small document in the shape the gateway serves: a public list, an editor route, a reader route, a form. */
export const FIXTURE_DOCUMENT: OpenApiDocument = {
  paths: {
    '/api/v1/polls': {
      get: {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'number', minimum: 1, maximum: 100 } },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed'] } },
        ],
      },
      post: {
        security: [{ staff: [] }],
        'x-required-role': 'editor',
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/PollDraft' } } },
        },
      },
    },
    '/api/v1/polls/{id}/votes': {
      post: {
        security: [{ 'reader-token': [] }, { portal: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['optionIds'],
                properties: {
                  optionIds: { type: 'array', maxItems: 3, items: { type: 'string', format: 'uuid' } },
                },
              },
            },
          },
        },
      },
    },
    '/api/v1/submissions': {
      post: {
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['title', 'consent'],
                properties: {
                  title: { type: 'string', minLength: 1, maxLength: 10 },
                  consent: { type: 'string', enum: ['true'] },
                  files: { type: 'array', items: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      PollDraft: {
        type: 'object',
        required: ['question', 'options'],
        properties: {
          question: { type: 'string', minLength: 1, maxLength: 300 },
          options: { type: 'array', minItems: 2, maxItems: 20, items: { type: 'string' } },
          maxChoices: { type: 'number', minimum: 1, maximum: 20 },
        },
      },
    },
  },
};
