import { describe, expect, it } from 'vitest';
import { events, methods } from './api';
import * as app from './app';
import * as complaints from './complaints';
import * as directory from './directory';
import * as dossiers from './dossiers';
import * as queues from './queues';
import * as search from './search';
import * as session from './session';

const FEATURES = { app, complaints, directory, dossiers, queues, search, session };

describe('the one contract', () => {
  it.each(Object.entries(FEATURES))(
    'serves every method and event of %s as the feature declares it',
    (_, feature) => {
      for (const [name, method] of Object.entries(feature.methods)) {
        expect(methods[name as keyof typeof methods], name).toBe(method);
      }
      for (const [name, payload] of Object.entries(feature.events)) {
        expect(events[name as keyof typeof events], name).toBe(payload);
      }
    },
  );

  it('has no method or event that two features declare', () => {
    const features = Object.values(FEATURES);
    const declared = (table: 'methods' | 'events') =>
      features.reduce((n, feature) => n + Object.keys(feature[table]).length, 0);
    expect(declared('methods')).toBe(Object.keys(methods).length);
    expect(declared('events')).toBe(Object.keys(events).length);
  });
});
