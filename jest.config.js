/**
 * Three layers, as the README describes: unit tests of pure logic (no infrastructure), integration
 * tests against the real PostgreSQL and NATS, and suite tests that start real services and call the
 * gateway over HTTP. The last two share one NATS, so they run one file at a time (--runInBand).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@app/contracts$': '<rootDir>/libs/contracts/src',
  '^@app/host$': '<rootDir>/libs/app-host/src',
  '^@app/messaging$': '<rootDir>/libs/messaging/src',
  '^@app/persistence$': '<rootDir>/libs/persistence/src',
  '^@app/runtime$': '<rootDir>/libs/runtime/src',
  '^@test/(.*)$': '<rootDir>/test/$1',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/*.spec.ts: checks of the repository itself (README against the code, deploy/ defaults);
      // test/hostile: the pure generator of the hostile-input suite test.
      testMatch: [
        '<rootDir>/{apps,libs,scripts,bench}/**/*.spec.ts',
        '<rootDir>/test/*.spec.ts',
        '<rootDir>/test/hostile/**/*.spec.ts',
        '<rootDir>/test/faults/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      testTimeout: 60000,
    },
    { ...common, displayName: 'suite', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 120000 },
    // Faults under load: the suite on a PostgreSQL and a NATS of its own, which it restarts. Short in
    // `npm test`; `npm run test:faults` gives each fault FAULTS_SECONDS (30) of load after the repair.
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      testTimeout: 600000,
    },
    // Widgets in Debian's Chromium (playwright-core) against a real suite; they also run from the build.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      testTimeout: 120000,
    },
  ],
};
