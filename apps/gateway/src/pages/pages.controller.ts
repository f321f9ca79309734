import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SkipIdentity } from '../identity/access.decorators';
import type { StaticAsset } from './static-asset';

export const ENGAGE_SCRIPT = 'engage:pages:engage-script';
export const DEMO_PAGE = 'engage:pages:demo-page';
export const CONSOLE_FILES = 'engage:pages:console-files';

/** The console's document, script and stylesheet, by the name they are asked for. */
export interface ConsoleFiles {
  page: StaticAsset;
  assets: ReadonlyMap<string, StaticAsset>;
}

/** Short enough that a fixed widget reaches every reader within minutes; ETags make rechecks cheap. */
const SCRIPT_CACHE_CONTROL = 'public, max-age=300';

async function sendAsset(
  asset: StaticAsset,
  cacheControl: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  void reply.header('Cache-Control', cacheControl).header('ETag', asset.etag);
  if (request.headers['if-none-match'] === asset.etag) {
    await reply.status(304).send();
    return;
  }
  await reply.header('Content-Type', asset.contentType).send(asset.body);
}

/** The script portals add to their pages. */
@Controller('widgets')
@SkipIdentity()
export class WidgetsController {
  constructor(@Inject(ENGAGE_SCRIPT) private readonly script: StaticAsset) {}

  @Get('engage.js')
  @ApiExcludeEndpoint()
  engageScript(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return sendAsset(this.script, SCRIPT_CACHE_CONTROL, request, reply);
  }
}

/** The demo portal page; registered in demo mode only, so elsewhere `/` is an unknown route. */
@Controller()
@SkipIdentity()
export class DemoPageController {
  constructor(@Inject(DEMO_PAGE) private readonly page: StaticAsset) {}

  @Get()
  @ApiExcludeEndpoint()
  demoPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return sendAsset(this.page, 'no-cache', request, reply);
  }
}

/**
 * The newsroom console: one document whose pages live in the URL fragment, and its two bundled files.
 * Always revalidated (ETag), so a deployment reaches every open console at its next load.
 */
@Controller('console')
@SkipIdentity()
export class ConsoleController {
  constructor(@Inject(CONSOLE_FILES) private readonly files: ConsoleFiles) {}

  /** Relative asset URLs and the fragment router need the slash; the page itself is `consolePage`. */
  @Get()
  @ApiExcludeEndpoint()
  async withoutSlash(@Res() reply: FastifyReply): Promise<void> {
    await reply.redirect('/console/', 308);
  }

  @Get('assets/:file')
  @ApiExcludeEndpoint()
  asset(
    @Param('file') file: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const asset = this.files.assets.get(file);
    if (!asset) throw new NotFoundException();
    return sendAsset(asset, 'no-cache', request, reply);
  }
}

/**
 * `GET /console/` as a plain Fastify route: Nest strips a route's trailing slash, so a controller can
 * only answer `/console`, where the page's relative URLs would resolve against `/`.
 */
export function serveConsolePage(fastify: FastifyInstance, files: ConsoleFiles): void {
  fastify.get('/console/', (request, reply) => sendAsset(files.page, 'no-cache', request, reply));
}
