import { rebuildSearchIndex } from '../search/index-writer';
import type { Repairs } from './migrate';

/**
 * The repair steps migrations may ask for (`Migration.repairs`). A migration is frozen; a repair
 * is not: it rebuilds derived data the way today's code builds it, from the records, so an old
 * store upgraded today ends with the same data as one written by today's code.
 */
export const REPAIRS: Repairs = {
  /** Every record's search documents, as core/search writes them on every insert and update. */
  'search-index': (db) => rebuildSearchIndex(db),
};
