import { describe, expect, it } from 'vitest';
import type { FeedPage } from '@shared/sync/protocol';
import { FeedPageCheck, type FeedRead } from './feed';
import { createSeedGenerator } from './seed';

/**
 * The feed page's check remembers rows it found valid (the same seq, entity, id, version and
 * text) so that the live feed's rows are parsed once, not once per client: the verdict must stay
 * the schema's own, whatever it remembers.
 */
const generator = createSeedGenerator({
  seed: 3,
  dossiers: 20,
  complaints: 0,
  end: Date.UTC(2026, 10, 20),
});
const dossier = [...generator.dossiers(1)][0]!.dossier;

function read(seq: string, data: unknown, version = 1): FeedRead {
  const page: FeedPage = {
    changes: [
      { entity: 'dossier', id: dossier.id, seq, version, data } as FeedPage['changes'][number],
    ],
    removals: [],
    cursor: seq,
    hasMore: false,
  };
  return { page, texts: [JSON.stringify(data)] };
}

describe('the feed page check', () => {
  it('passes a valid page, again from memory', () => {
    const check = new FeedPageCheck();
    expect(check.check(read('10', dossier)).success).toBe(true);
    expect(check.check(read('10', dossier)).success).toBe(true);
  });

  it('refuses a row edited behind the API after it was found valid, naming the field', () => {
    const check = new FeedPageCheck();
    expect(check.check(read('10', dossier)).success).toBe(true);
    const tampered = check.check(read('10', { ...dossier, status: 'lost' }));
    expect(tampered.success).toBe(false);
    expect(tampered.error?.issues[0]?.path).toEqual(['changes', 0, 'data', 'status']);
  });

  it('checks the row again when its version or seq differ from the one remembered', () => {
    const check = new FeedPageCheck();
    expect(check.check(read('10', dossier)).success).toBe(true);
    const broken = { ...dossier, number: 42 };
    expect(check.check(read('10', broken, 2)).success).toBe(false);
    expect(check.check(read('11', broken)).success).toBe(false);
  });

  it('refuses a page whose envelope is wrong', () => {
    const check = new FeedPageCheck();
    const bad = read('10', dossier);
    expect(check.check({ ...bad, page: { ...bad.page, cursor: 'x' } }).success).toBe(false);
  });
});
