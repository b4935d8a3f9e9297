import { afterAll, beforeAll } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { startTestApp, type TestApp } from './test-app.js';

/** A test hub started before a suite's tests and closed after them (see {@link useTestApp}). */
export interface SuiteApp {
  /** The running hub; only inside tests and hooks. */
  readonly hub: TestApp;
  /** One of the hub's providers; only inside tests and hooks. */
  get<T>(token: Type<T>): T;
}

/** Registers the suite's beforeAll / afterAll that start and close a {@link startTestApp} hub. */
export function useTestApp(env: Record<string, string> = {}): SuiteApp {
  let hub: TestApp | undefined;
  beforeAll(async () => {
    hub = await startTestApp(env);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const started = (): TestApp => {
    if (!hub) throw new Error('the test hub starts in beforeAll; use it inside tests and hooks');
    return hub;
  };
  return {
    get hub() {
      return started();
    },
    get: (token) => started().app.get(token),
  };
}
