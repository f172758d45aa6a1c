import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import type { Db } from '../db/connect';

export const STATE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * OAuth states kept server-side in PostgreSQL: single use (verifying deletes it), 10 minutes long, so any
 * process can finish an install another began. A state is random and signed with SLACK_STATE_SECRET, so
 * a forged one is refused before the database is asked; only its hash is stored.
 */
export class PostgresStateStore implements StateStore {
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(`learnloop oauth state ${nonce}`).digest('base64url');
  }

  async generateStateParam(installOptions: InstallURLOptions): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const state = `${nonce}.${this.sign(nonce)}`;
    await this.db
      .insertInto('oauthState')
      .values({ stateHash: hashOf(state), installOptions: JSON.stringify(installOptions), expiresAt: new Date(this.now().getTime() + STATE_LIFETIME_MS) })
      .execute();
    return state;
  }

  async verifyStateParam(_now: Date, state: string): Promise<InstallURLOptions> {
    const [nonce, signature] = state.split('.');
    if (!nonce || !signature || !safeEqual(signature, this.sign(nonce))) throw new InvalidStateError('The state was not made by Learnloop.');
    // Deleting is the use: a second callback with the same state finds nothing.
    const row = await this.db.deleteFrom('oauthState').where('stateHash', '=', hashOf(state)).returning(['installOptions', 'expiresAt']).executeTakeFirst();
    if (!row) throw new InvalidStateError('The state is unknown or was used already.');
    if (row.expiresAt.getTime() <= this.now().getTime()) throw new InvalidStateError('The state has expired.');
    return row.installOptions as InstallURLOptions;
  }
}

/** Forgets states nobody came back with. */
export async function deleteExpiredStates(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('oauthState').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function hashOf(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

