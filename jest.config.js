/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done by `npm run lint` (part of `npm test`); jest only transpiles.
  // Integration tests start servers and child processes: keep the machine (2 cores) unhurried.
  maxWorkers: 2,
  testTimeout: 30000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
    // intl-messageformat (the message catalogue's formatter) ships only ES modules; Node ≥ 20.19
    // requires them natively, jest on Node 20 does not: transpile those few files to CommonJS.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs' } }],
  },
  // openid-client 6 (sign-in) and its oauth4webapi and jose are ES modules too.
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs|openid-client|oauth4webapi|jose)/)'],
};
