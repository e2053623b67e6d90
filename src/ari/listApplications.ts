import { AriError } from './AriError';
import type { AriRestClient } from './AriRestClient';
import type { Application } from './generated/ariTypes';

/** Tries of GET /applications before its "Allocation failed" is taken for an answer. */
const TRIES = 3;

/**
 * GET /applications, read again when Asterisk answers 500 "Allocation failed": it does so when an
 * app goes while it is being listed (docs/ari-behaviour.md#applications-resource), which another
 * client's socket closing can cause at any moment. Every reader of the listing (a resync, the
 * watcher) goes through here.
 */
export async function listApplications(rest: AriRestClient): Promise<Application[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rest.call('applications.list', {});
    } catch (error) {
      const raced = error instanceof AriError && error.status === 500 && error.asteriskMessage === 'Allocation failed';
      if (!raced || attempt === TRIES) throw error;
    }
  }
}
