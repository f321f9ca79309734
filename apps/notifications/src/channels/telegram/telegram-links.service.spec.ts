import { loadConfig } from '@app/runtime';
import { ChannelsEnv } from '../channels.config';
import { TelegramLinksService } from './telegram-links.service';
import type { TelegramLinksRepository } from './telegram-links.repository';

describe('TelegramLinksService without a bot', () => {
  const config = loadConfig(ChannelsEnv, {});
  const untouched = {} as TelegramLinksRepository;
  const service = new TelegramLinksService(null, config, untouched);
  const staff = {
    staffId: '7d1f2a4e-1c3b-4a5d-9e8f-0a1b2c3d4e5f',
    roles: ['editor' as const],
    readerId: null,
    addressHash: null,
  };

  it('gives no link code: there is no bot to send it to', async () => {
    await expect(service.issueCode({ caller: staff })).rejects.toMatchObject({
      status: 409,
      code: 'telegram_not_configured',
    });
  });

  it('still refuses anyone who is not staff first', async () => {
    await expect(service.issueCode({ caller: { ...staff, staffId: null, roles: [] } })).rejects.toMatchObject(
      { status: 403 },
    );
  });
});
