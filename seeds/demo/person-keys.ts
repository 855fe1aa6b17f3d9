import crypto from 'node:crypto';

/*
 * Data providers send HMAC-SHA256 of the personal code under a shared key (design.md section 3). The
 * demo has no personal codes, so it hashes a synthetic person label under a fixed key of its own: the
 * keys look like real ones and are stable from run to run, and they can never match a real person's.
 */
const DEMO_KEY = crypto.createSecretKey(Buffer.from('inclusion-monitor synthetic demo data, not a provider key'));

/** Person groups that never share anyone: a label names the group and the person's index in it. */
export type PersonGroup = 'diversity' | 'verte' | 'prisoner' | 'bench-participant' | 'bench-consulted';

export function personKey(seed: number, group: PersonGroup, index: number): string {
  return crypto.createHmac('sha256', DEMO_KEY).update(`${seed}:${group}:${index}`).digest('hex').slice(0, 32);
}
