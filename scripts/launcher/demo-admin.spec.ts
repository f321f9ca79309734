import { adminLogin, DEMO_ADMIN_EMAIL, isDemo } from './demo-admin';

function store(initial?: string) {
  const files = new Map<string, string>(
    initial === undefined ? [] : [['/data/demo-admin-password', initial]],
  );
  let created = 0;
  return {
    files,
    created: () => created,
    read: (file: string) => files.get(file),
    create: (file: string) => {
      created += 1;
      files.set(file, `generated-password-${created}`);
      return files.get(file)!;
    },
  };
}

describe('adminLogin', () => {
  const file = '/data/demo-admin-password';

  it('gives demo mode an admin whose password is made up once and then kept', () => {
    const passwords = store();
    const first = adminLogin({}, file, passwords);
    expect(first).toEqual({ email: DEMO_ADMIN_EMAIL, password: 'generated-password-1', passwordFile: file });
    expect(adminLogin({ DEMO: 'true' }, file, passwords)?.password).toBe('generated-password-1');
    expect(passwords.created()).toBe(1);
  });

  it('makes up a new password when the kept one is too short for the gateway', () => {
    const passwords = store('short');
    expect(adminLogin({}, file, passwords)?.password).toBe('generated-password-1');
  });

  it("leaves an operator's admin alone and never shows its password", () => {
    const passwords = store();
    expect(
      adminLogin({ ADMIN_EMAIL: 'ed@portal.example', ADMIN_PASSWORD: 'x'.repeat(20) }, file, passwords),
    ).toEqual({
      email: 'ed@portal.example',
    });
    expect(passwords.created()).toBe(0);
  });

  it('creates no admin outside demo mode', () => {
    const passwords = store();
    expect(adminLogin({ DEMO: 'false' }, file, passwords)).toBeUndefined();
    expect(adminLogin({ DEMO: '0' }, file, passwords)).toBeUndefined();
    expect(passwords.created()).toBe(0);
  });

  it('reads DEMO as the apps do', () => {
    expect(isDemo({})).toBe(true);
    expect(isDemo({ DEMO: 'yes' })).toBe(true);
    expect(isDemo({ DEMO: 'Off' })).toBe(false);
  });
});
