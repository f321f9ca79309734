/** What recording a notice needs from the configuration. */
export class NoticeSettings {
  constructor(
    readonly digestWindowMinutes: number,
    /** Where links in messages point: the gateway's public address, without a trailing slash. */
    readonly publicBaseUrl: string,
  ) {}

  consoleUrl(path = ''): string {
    return `${this.publicBaseUrl}/console/${path}`;
  }
}
