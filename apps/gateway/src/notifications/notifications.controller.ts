import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Caller,
  MarkReadBody,
  NotificationFeedQuery,
  NotificationPreferencesBody,
  NotificationsRpc,
} from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { CurrentCaller, RequireStaff } from '../identity/access.decorators';
import { openSseStream } from '../http/sse.stream';
import { LimitStreamsPerAddress } from '../http/stream-quota.interceptor';
import { FeedLiveHub } from './feed-live.hub';
import {
  MarkReadDoc,
  NotificationPageDoc,
  NotificationPreferencesDoc,
  UnreadCountDoc,
} from './notifications.openapi';

/** A staff member's own notifications: the feed, its live stream, and their channel preferences. */
@ApiTags('notifications')
@Controller('api/v1/me')
@RequireStaff()
export class MyNotificationsController {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly live: FeedLiveHub,
  ) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationPageDoc, description: 'Newest first' })
  feed(@Query() query: NotificationFeedQuery, @CurrentCaller() caller: Caller): Promise<NotificationPageDoc> {
    return this.rpc.call(NotificationsRpc.feed, { caller, query });
  }

  @Get('notifications/unread-count')
  @ApiOkResponse({ type: UnreadCountDoc })
  unreadCount(@CurrentCaller() caller: Caller): Promise<UnreadCountDoc> {
    return this.rpc.call(NotificationsRpc.unreadCount, { caller });
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOkResponse({
    type: MarkReadDoc,
    description: '`{ ids }` marks those entries, `{ all: true }` every one',
  })
  markRead(@Body() read: MarkReadBody, @CurrentCaller() caller: Caller): Promise<MarkReadDoc> {
    return this.rpc.call(NotificationsRpc.markRead, { caller, read });
  }

  @Get('notifications/stream')
  @LimitStreamsPerAddress()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `unread` `{ unread }` at once and after each change, `notification` per new entry',
  })
  async stream(
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { unread } = await this.rpc.call(NotificationsRpc.unreadCount, { caller });
    this.live.admit();
    const sse = openSseStream(request, reply);
    this.live.join(caller.staffId!, sse);
    sse.send('unread', { unread });
  }

  @Get('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesDoc, description: 'Every type, with its channels' })
  preferences(@CurrentCaller() caller: Caller): Promise<NotificationPreferencesDoc> {
    return this.rpc.call(NotificationsRpc.preferences, { caller });
  }

  @Put('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesDoc, description: 'Types left out keep their channels' })
  updatePreferences(
    @Body() preferences: NotificationPreferencesBody,
    @CurrentCaller() caller: Caller,
  ): Promise<NotificationPreferencesDoc> {
    return this.rpc.call(NotificationsRpc.updatePreferences, { caller, preferences });
  }
}
