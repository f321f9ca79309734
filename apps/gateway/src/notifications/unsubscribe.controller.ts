import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotificationsRpc, UNSUBSCRIBE_TOKEN_MAX, ValidationFailedError } from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { negotiateLanguage } from '../http/language.negotiation';
import { confirmationPage, PageLanguage, unsubscribedPage } from './unsubscribe.page';
import { UnsubscribedDoc } from './notifications.openapi';

/** The token from the link's query, or from the body a page's form (or a JSON client) sends. */
function tokenOf(request: FastifyRequest): string {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const token = query?.token ?? (typeof body === 'object' && body !== null ? body.token : undefined);
  if (typeof token !== 'string' || token.length < 1 || token.length > UNSUBSCRIBE_TOKEN_MAX) {
    throw new ValidationFailedError([
      { field: 'token', message: `token must be 1 to ${UNSUBSCRIBE_TOKEN_MAX} characters` },
    ]);
  }
  return token;
}

/** Readers write in Russian unless their browser asks for English. */
function languageOf(request: FastifyRequest): PageLanguage {
  return request.headers['accept-language'] ? negotiateLanguage(request.headers['accept-language']) : 'ru';
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

/**
 * RFC 8058 one-click unsubscribe, without login: the link's signed token is the authority. GET shows a
 * confirmation page (link scanners follow GETs, so a GET changes nothing); POST unsubscribes at once.
 */
@ApiTags('notifications')
@Controller('api/v1/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Get()
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A confirmation page with a button that posts the unsubscribe' })
  async confirm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = tokenOf(request);
    await reply.headers(PAGE_HEADERS).send(confirmationPage(languageOf(request), token));
  }

  @Post()
  @ApiQuery({ name: 'token', required: false, description: 'As in the List-Unsubscribe link' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: UnsubscribedDoc, description: 'HTML for a browser form, JSON otherwise' })
  async unsubscribe(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.rpc.call(NotificationsRpc.unsubscribe, { token: tokenOf(request) });
    const fromPage = (request.headers.accept ?? '').includes('text/html');
    if (fromPage) {
      await reply.headers(PAGE_HEADERS).send(unsubscribedPage(languageOf(request)));
      return;
    }
    await reply.status(200).send(result);
  }
}
