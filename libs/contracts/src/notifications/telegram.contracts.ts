import { ApiProperty } from '@nestjs/swagger';
import { Caller } from '../identity/caller';
import { NestedContract } from '../validation/nested-contract.decorator';

/** A one-time code the staff member sends to the bot to link their chat. */
export class TelegramLinkCodeView {
  @ApiProperty({ description: 'Send it to the bot (as a message, or by /start <code>) before it expires' })
  code: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ required: false, description: "The bot's @username, when the bot has answered getMe" })
  botUsername?: string;
}

export class TelegramUnlinkedView {
  @ApiProperty({ description: 'false when no chat was linked' }) unlinked: boolean;
}

export class TelegramCallerRequest {
  @NestedContract(() => Caller)
  caller: Caller;
}
