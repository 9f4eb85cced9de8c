import { ruleOrErrorKey, type ErrorCodeKey, type RuleKey } from '../i18n/keys';
import type { BulkAnswer } from '../kinds/contract';

/**
 * What a bulk assign or transfer did: how many records took it and, for each one that refused,
 * its number and why (a rule of the state machine, or not found / not allowed), so the officer
 * can deal with those few by hand. Refused records stay checked; the others leave the selection.
 */
export interface BulkRefusal {
  readonly id: string;
  readonly label: string;
  readonly code: string;
  readonly reason: { readonly key: RuleKey | ErrorCodeKey } | { readonly text: string };
}

export interface BulkSummary {
  readonly applied: number;
  readonly refused: readonly BulkRefusal[];
  readonly appliedIds: readonly string[];
}

export function summarizeBulk(
  results: readonly BulkAnswer['results'][number][],
  labels: ReadonlyMap<string, string>,
): BulkSummary {
  const refused: BulkRefusal[] = [];
  const appliedIds: string[] = [];
  for (const result of results) {
    if (result.ok) {
      appliedIds.push(result.id);
      continue;
    }
    const key = ruleOrErrorKey(result.code);
    refused.push({
      id: result.id,
      label: labels.get(result.id) ?? result.id,
      code: result.code,
      reason: key ? { key } : { text: result.message || result.code },
    });
  }
  return { applied: appliedIds.length, refused, appliedIds };
}

/** Ids in calls of at most `size` (the contract's limit per `<plural>.actMany`). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
