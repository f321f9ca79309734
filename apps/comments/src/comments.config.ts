import { ServiceEnv } from '@app/runtime';

export class CommentsEnv extends ServiceEnv {}
