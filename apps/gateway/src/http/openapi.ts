import { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeErrors } from './openapi.errors';
import { UuidParam } from './uuid.param';

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * Path parameters checked by UuidParam, by operation id (`<Controller>_<method>`, the document's
 * default), read from the routes' own parameter metadata so the document cannot drift from the code.
 */
function uuidParametersOf(app: INestApplication): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          RouteArgument
        >;
        for (const [key, arg] of Object.entries(args)) {
          if (!key.startsWith(`${RouteParamtypes.PARAM}:`) || typeof arg.data !== 'string') continue;
          if (!arg.pipes?.some((pipe) => pipe === UuidParam || pipe instanceof UuidParam)) continue;
          const operationId = `${controller.name}_${method}`;
          found.set(operationId, (found.get(operationId) ?? new Set()).add(arg.data));
        }
      }
    }
  }
  return found;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Reader engagement suite')
    .setDescription(
      'Polls, comments, reader-reporter submissions and notifications for news portals. Errors are RFC 9457 problem documents (application/problem+json) whose `detail` follows Accept-Language (en by default, ru).',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Staff access token' },
      'staff',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "The portal's user JWT" },
      'portal',
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Reader-Token' }, 'reader-token')
    .build();
  return describeErrors(SwaggerModule.createDocument(app, config), uuidParametersOf(app));
}

/** Swagger UI at /api/docs and the document at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
