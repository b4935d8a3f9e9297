// Jest runs in ESM mode (Nest 12 ships ESM only): see package.json scripts for --experimental-vm-modules.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@hivewatch/protocol$': '<rootDir>/libs/protocol/src/index.ts',
    '^@hivewatch/client$': '<rootDir>/libs/client/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/** @type {import('jest').Config} */
export default {
  // Hooks and tests that start a hub, hash passwords or walk many routes take seconds on a loaded
  // 2-core CI machine; Jest's 5 s default fails them there for no fault of the code.
  testTimeout: 30_000,
  // Jest's default (half the cores) is one worker here, which runs every suite in turn; most suites
  // spend their time waiting on a hub, an agent or a browser, so two workers finish far sooner.
  maxWorkers: 2,
  // The longest suites first, from Jest's cache or, on a clean clone, from recorded durations.
  testSequencer: '<rootDir>/test/support/slowest-first.mjs',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{src,libs,agent}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{src,agent}/**/*.int-spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
