import type { CheckId } from '../../app/contract/check-ids';

/**
 * The id of a stand-in check that is not in the catalogue (runner tests, live-state tests):
 * the only place where a string becomes a CheckId without being one.
 */
export const standIn = (id: string): CheckId => id as CheckId;
