import { parseEventsArgs } from './events-cli.args';

describe('npm run events arguments', () => {
  it('lists every service, or one, with paging', () => {
    expect(parseEventsArgs(['list'])).toEqual({
      kind: 'list',
      services: ['polls', 'comments', 'reporter', 'notifications'],
      limit: undefined,
      cursor: undefined,
    });
    expect(parseEventsArgs(['list', '--service', 'polls', '--limit', '100', '--cursor', 'abc'])).toEqual({
      kind: 'list',
      services: ['polls'],
      limit: 100,
      cursor: 'abc',
    });
  });

  it('re-drives one dead letter of one service', () => {
    expect(parseEventsArgs(['redrive', 'polls', 'f0e1d2c3-0000-4000-8000-000000000001'])).toEqual({
      kind: 'redrive',
      service: 'polls',
      id: 'f0e1d2c3-0000-4000-8000-000000000001',
    });
  });

  it('answers --help, and with no arguments', () => {
    expect(parseEventsArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseEventsArgs(['list', '-h'])).toEqual({ kind: 'help' });
    expect(parseEventsArgs([])).toEqual({ kind: 'help' });
  });

  it.each([
    [['purge'], 'unknown command "purge" (list, redrive)'],
    [['list', '--all'], 'unknown option --all'],
    [['list', '--service'], '--service needs a value'],
    [['list', '--service', 'polls', '--service', 'polls'], '--service is given twice'],
    [['list', '--service', 'weather'], 'no service "weather"'],
    [['list', '--service', 'polls', '--limit', '0'], '--limit must be a whole number from 1 to 100'],
    [['list', '--service', 'polls', '--limit', '101'], '--limit must be a whole number from 1 to 100'],
    [['list', '--limit', '1.5'], '--limit must be a whole number'],
    [['list', '--cursor', 'abc'], '--cursor needs --service'],
    [['redrive', 'polls'], 'redrive needs <service> <dead-letter-id>'],
    [['redrive', 'polls', 'id', '--force'], 'redrive takes no option --force'],
    [['redrive', 'weather', 'id'], 'no service "weather"'],
  ])('refuses %j', (args, message) => {
    expect(() => parseEventsArgs(args)).toThrow(message);
  });
});
