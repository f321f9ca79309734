import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SkipIdentity } from '../identity/access.decorators';
import type { StaticAsset } from './static-asset';

export const ENGAGE_SCRIPT = 'engage:pages:engage-script';
export const DEMO_PAGE = 'engage:pages:demo-page';

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
