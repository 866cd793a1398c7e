/**
 * Messages between the content script of a tab and the background, over one long-lived
 * port per tab (PORT_NAME). The port's life is the subscription's life: when the tab
 * closes or navigates away, the background releases what it fetched for it.
 *
 * Each message a context receives from another is written once, as a schema, in validate.ts:
 * its type is inferred from the schema and re-exported here.
 */
export type { FeedState, FeedStatus, PrintSummary, TabRequest, TabUpdate } from './validate';
export type { Connection, JournalSummary, PopupRequest, PopupResponse } from './tabStatus';

export const PORT_NAME = 'liqlens-tab';
