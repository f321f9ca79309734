import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Caller, RateLimitedError } from '@app/contracts';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { CurrentCaller } from './access.decorators';
import { IdentitySettings } from './identity.settings';
import { ReaderTokens } from './reader-tokens';
import { ReaderTokenReply } from './staff.dto';

@ApiTags('identity')
@Controller('api/v1/reader-tokens')
export class ReaderTokensController {
  constructor(
    private readonly tokens: ReaderTokens,
    private readonly limiter: RateLimiter,
    private readonly settings: IdentitySettings,
  ) {}

  /** A new anonymous reader identity; capped per address so a script cannot mint voters freely. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: ReaderTokenReply })
  @ApiTooManyRequestsResponse({ description: 'This address asked for too many tokens this hour' })
  async issue(@CurrentCaller() caller: Caller): Promise<ReaderTokenReply> {
    const decision = await this.limiter.hit(
      `reader-tokens:${caller.addressHash}`,
      this.settings.readerTokensPerAddressPerHour,
      3600,
    );
    if (!decision.allowed) {
      throw new RateLimitedError('Too many reader tokens from this address.', decision.retryAfterSeconds);
    }
    return { token: this.tokens.issue() };
  }
}
