import {
  FeedPageSchema,
  PushResponseSchema,
  type MutationResult,
  type PushResponse,
  type WireMutation,
} from '@shared/sync/protocol';
import { call, Replica } from './helpers';

/**
 * A client as the desktop core behaves toward the central API, without the desktop: an outbox
 * of mutations numbered 1, 2, 3… sent in order, in batches, again and again until answered
 * (a lost answer, a 503, a reset connection: the same batch again, from the first mutation not
 * yet answered), and a replica of its feed, pulled page by page and retried the same way. Every
 * answer it ever got is kept, so a test can check that the central API never answered one
 * mutation two ways.
 */
export class OutboxClient {
  readonly replica = new Replica();
  readonly outbox: WireMutation[] = [];
  /** Every answer received for each seq (OUT_OF_ORDER aside), in order. */
  readonly answers = new Map<number, string[]>();
  lastSeq = 0;
  attempts = 0;
  /** The last batch sent, for a copy the network held back and delivers late. */
  private previous: WireMutation[] | null = null;

  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly clientId: string,
  ) {}

  /** Queues an action on a record, made on the version this client's replica holds. */
  act(
    entity: 'dossier' | 'complaint',
    id: string,
    action: { readonly type: string; readonly [field: string]: unknown },
  ): number {
    const seq = this.outbox.length + 1;
    const known = this.replica.records.get(`${entity}:${id}`);
    this.outbox.push({
      seq,
      id: `m-${this.clientId}-${seq}`,
      baseVersion: known?.version ?? 1,
      at: Date.now(),
      target: { entity, id, action },
    });
    return seq;
  }

  /** Sends the outbox until every mutation is answered (bounded: a broken server ends the test). */
  async push(batchSize = 4, maxAttempts = 400): Promise<void> {
    for (let i = 0; i < maxAttempts && this.lastSeq < this.outbox.length; i++) {
      this.attempts++;
      const mutations = this.outbox.slice(this.lastSeq, this.lastSeq + batchSize);
      this.previous = mutations;
      let reply;
      try {
        reply = await call(this.url, 'POST', '/sync/push', {
          token: this.token,
          body: { clientId: this.clientId, mutations },
        });
      } catch {
        continue;
      }
      if (reply.status === 503 || reply.status === 502) continue;
      if (reply.status !== 200) {
        throw new Error(`push ${this.clientId}: ${reply.status} ${reply.text.slice(0, 300)}`);
      }
      this.received(PushResponseSchema.parse(reply.json));
    }
    if (this.lastSeq < this.outbox.length) {
      throw new Error(`push ${this.clientId}: ${this.lastSeq} of ${this.outbox.length} answered`);
    }
  }

  /**
   * A copy of the last batch sent, held back by the network: `deliver` sends it, late, maybe
   * while newer batches are on their way. Its answers count like any other.
   */
  heldBack(): { deliver(): Promise<void> } {
    const copy = this.previous;
    return {
      deliver: async () => {
        if (!copy) return;
        try {
          const reply = await call(this.url, 'POST', '/sync/push', {
            token: this.token,
            body: { clientId: this.clientId, mutations: copy },
          });
          if (reply.status === 200) this.received(PushResponseSchema.parse(reply.json), false);
        } catch {
          // Lost after all.
        }
      },
    };
  }

  /** Takes a push's answer (also one sent by the test itself, outside push()). */
  received(response: PushResponse, advance = true): void {
    for (const r of response.results) {
      if (r.status === 'rejected' && r.code === 'OUT_OF_ORDER') continue;
      const list = this.answers.get(r.seq) ?? [];
      list.push(JSON.stringify(r));
      this.answers.set(r.seq, list);
    }
    if (advance) this.lastSeq = Math.max(this.lastSeq, response.lastSeq);
  }

  /** Pulls the feed to its end into the replica, retrying pages that did not arrive. */
  async pull(limit = 50, maxAttempts = 400): Promise<void> {
    for (let i = 0; i < maxAttempts; i++) {
      let reply;
      try {
        reply = await call(
          this.url,
          'GET',
          `/sync/changes?since=${this.replica.cursor}&limit=${limit}`,
          { token: this.token },
        );
      } catch {
        continue;
      }
      if (reply.status === 503 || reply.status === 502) continue;
      if (reply.status !== 200) {
        throw new Error(`pull ${this.clientId}: ${reply.status} ${reply.text.slice(0, 300)}`);
      }
      const page = FeedPageSchema.parse(reply.json);
      this.replica.apply(page);
      if (!page.hasMore) return;
    }
    throw new Error(`pull ${this.clientId}: did not reach the head`);
  }

  /** The one answer each mutation got (throws if it got two different ones). */
  decisions(): Map<number, MutationResult> {
    const out = new Map<number, MutationResult>();
    for (const [seq, list] of this.answers) {
      if (new Set(list).size !== 1) {
        throw new Error(`${this.clientId}:${seq} was answered ${new Set(list).size} ways`);
      }
      out.set(seq, JSON.parse(list[0] as string) as MutationResult);
    }
    return out;
  }
}
