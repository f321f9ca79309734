import { Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Caller, TelegramLinkCodeView, TelegramRpc } from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { CurrentCaller, RequireStaff } from '../identity/access.decorators';

/** A staff member's own Telegram chat for notifications: a one-time code to link it, and unlinking. */
@ApiTags('notifications')
@Controller('api/v1/me/telegram')
export class TelegramLinkController {
  constructor(private readonly rpc: NatsRpcClient) {}

  @Post('link-code')
  @RequireStaff()
  @ApiCreatedResponse({
    type: TelegramLinkCodeView,
    description: 'A new code (any earlier one stops working); send it to the bot before it expires',
  })
  @ApiConflictResponse({ description: 'Telegram is not set up on this site (`telegram_not_configured`)' })
  linkCode(@CurrentCaller() caller: Caller): Promise<TelegramLinkCodeView> {
    return this.rpc.call(TelegramRpc.linkCode, { caller });
  }

  @Delete()
  @RequireStaff()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No chat is linked any more (also when none was)' })
  async unlink(@CurrentCaller() caller: Caller): Promise<void> {
    await this.rpc.call(TelegramRpc.unlink, { caller });
  }
}
