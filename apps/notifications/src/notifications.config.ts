import { ChannelsEnv } from './channels/channels.config';

export class NotificationsEnv extends ChannelsEnv {}
