import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Reader engagement suite')
    .setDescription(
      'Polls, comments, reader-reporter submissions and notifications for news portals. Errors are RFC 9457 problem documents (application/problem+json).',
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
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /api/docs and the document at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
