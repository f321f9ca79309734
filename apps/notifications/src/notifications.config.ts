import { ServiceEnv } from '@app/runtime';

export class NotificationsEnv extends ServiceEnv {}
