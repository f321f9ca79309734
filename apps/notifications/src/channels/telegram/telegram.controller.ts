import { Controller } from '@nestjs/common';
import {
  TelegramCallerRequest,
  TelegramLinkCodeView,
  TelegramRpc,
  TelegramUnlinkedView,
} from '@app/contracts';
import { HandlesRpc } from '@app/messaging';
import { TelegramLinksService } from './telegram-links.service';

@Controller()
export class TelegramController {
  constructor(private readonly links: TelegramLinksService) {}

  @HandlesRpc(TelegramRpc.linkCode)
  linkCode(request: TelegramCallerRequest): Promise<TelegramLinkCodeView> {
    return this.links.issueCode(request);
  }

  @HandlesRpc(TelegramRpc.unlink)
  unlink(request: TelegramCallerRequest): Promise<TelegramUnlinkedView> {
    return this.links.unlink(request);
  }
}
