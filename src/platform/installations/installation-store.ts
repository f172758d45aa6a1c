import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connect';
import type { InstallationTable } from '../db/schema';
import type { TokenCipher } from './token-cipher';

/** An installation with its tokens decrypted: held in memory only, never logged. */
export interface InstalledBot {
  /** The row's key: the workspace's T… id, or the org's E… id for an org-wide install. */
  id: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string;
  botUserId: string;
  botScopes: string[];
  installerUserId: string | null;
  url: string | null;
  botToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
}

/** The key an installation is stored under. */
export function installationIdOf(installation: Pick<Installation, 'isEnterpriseInstall' | 'enterprise' | 'team'>): string {
  const id = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!id) throw new Error('an installation names neither its workspace nor, for an org-wide install, its org');
  return id;
}

export function sealRow(cipher: TokenCipher, bot: InstalledBot): Insertable<InstallationTable> {
  const botToken = cipher.seal(bot.botToken, bot.id);
  return {
    teamId: bot.id,
    enterpriseId: bot.enterpriseId,
    isEnterpriseInstall: bot.isEnterpriseInstall,
    appId: bot.appId,
    botId: bot.botId,
    botUserId: bot.botUserId,
    botScopes: bot.botScopes,
    installerUserId: bot.installerUserId,
    url: bot.url,
    keyVersion: botToken.keyVersion,
    botToken: botToken.ciphertext,
    refreshToken: bot.refreshToken === null ? null : cipher.seal(bot.refreshToken, `${bot.id}/refresh`).ciphertext,
    tokenExpiresAt: bot.tokenExpiresAt,
  };
}

export function openRow(cipher: TokenCipher, row: Selectable<InstallationTable>): InstalledBot {
  return {
    id: row.teamId,
    enterpriseId: row.enterpriseId,
    isEnterpriseInstall: row.isEnterpriseInstall,
    appId: row.appId,
    botId: row.botId,
    botUserId: row.botUserId,
    botScopes: row.botScopes,
    installerUserId: row.installerUserId,
    url: row.url,
    botToken: cipher.open({ keyVersion: row.keyVersion, ciphertext: row.botToken }, row.teamId),
    refreshToken: row.refreshToken === null ? null : cipher.open({ keyVersion: row.keyVersion, ciphertext: row.refreshToken }, `${row.teamId}/refresh`),
    tokenExpiresAt: row.tokenExpiresAt,
  };
}

/** Stores (or replaces, on a reinstall) an installation, and brings its workspace back from uninstalled. */
export async function upsertInstallation(db: Db, cipher: TokenCipher, bot: InstalledBot, now: Date): Promise<void> {
  const row = sealRow(cipher, bot);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('installation')
      .values({ ...row, installedAt: now, updatedAt: now })
      .onConflict((oc) => oc.column('teamId').doUpdateSet({ ...row, refreshClaimedUntil: null, installedAt: now, updatedAt: now }))
      .execute();
    if (bot.isEnterpriseInstall) {
      // Its workspaces come back too; a workspace first seen later is added when it first sends a request.
      await trx.updateTable('workspace').set({ uninstalledAt: null }).where('enterpriseId', '=', bot.id).execute();
    } else {
      await trx
        .insertInto('workspace')
        .values({ teamId: bot.id, name: null, url: bot.url, botUserId: bot.botUserId, enterpriseId: bot.enterpriseId, uninstalledAt: null })
        .onConflict((oc) => oc.column('teamId').doUpdateSet({ url: bot.url, botUserId: bot.botUserId, enterpriseId: bot.enterpriseId, uninstalledAt: null }))
        .execute();
    }
  });
}

export async function findInstallationRow(db: Db, id: string): Promise<Selectable<InstallationTable> | undefined> {
  return db.selectFrom('installation').selectAll().where('teamId', '=', id).executeTakeFirst();
}

/**
 * The installation that serves a workspace: its own, else its org's org-wide install. The org comes
 * from the request when there is one, else from what Learnloop recorded of the workspace.
 */
export async function findServingInstallationRow(db: Db, teamId: string, enterpriseId?: string): Promise<Selectable<InstallationTable> | undefined> {
  const own = await findInstallationRow(db, teamId);
  if (own) return own;
  const org =
    enterpriseId ?? (await db.selectFrom('workspace').select('enterpriseId').where('teamId', '=', teamId).executeTakeFirst())?.enterpriseId ?? undefined;
  if (!org) return undefined;
  return db.selectFrom('installation').selectAll().where('teamId', '=', org).where('isEnterpriseInstall', '=', true).executeTakeFirst();
}

/** Deletes the tokens of a workspace's installation (or of an org-wide one); returns how many rows went. */
export async function deleteInstallation(db: Db, id: string): Promise<number> {
  const result = await db.deleteFrom('installation').where('teamId', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Claims the refresh of a rotating token for `leaseMs`, so one process refreshes it; the others keep using
 * the current token (still valid) until the new one is stored. Returns the claimed row, or undefined.
 */
export async function claimTokenRefresh(db: Db, id: string, expiresBefore: Date, now: Date, leaseMs: number): Promise<Selectable<InstallationTable> | undefined> {
  return db
    .updateTable('installation')
    .set({ refreshClaimedUntil: new Date(now.getTime() + leaseMs) })
    .where('teamId', '=', id)
    .where('refreshToken', 'is not', null)
    .where('tokenExpiresAt', '<', expiresBefore)
    .where((eb) => eb.or([eb('refreshClaimedUntil', 'is', null), eb('refreshClaimedUntil', '<', now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Stores a refreshed token pair and releases the claim. */
export async function storeRefreshedTokens(db: Db, cipher: TokenCipher, bot: InstalledBot, now: Date): Promise<void> {
  const row = sealRow(cipher, bot);
  await db
    .updateTable('installation')
    .set({ keyVersion: row.keyVersion, botToken: row.botToken, refreshToken: row.refreshToken, tokenExpiresAt: row.tokenExpiresAt, refreshClaimedUntil: null, updatedAt: now })
    .where('teamId', '=', bot.id)
    .execute();
}

export async function releaseTokenRefresh(db: Db, id: string): Promise<void> {
  await db.updateTable('installation').set({ refreshClaimedUntil: null }).where('teamId', '=', id).execute();
}

/** Installations whose rotating token expires before `before`, for the refresh job. */
export async function listExpiringInstallationIds(db: Db, before: Date): Promise<string[]> {
  const rows = await db.selectFrom('installation').select('teamId').where('refreshToken', 'is not', null).where('tokenExpiresAt', '<', before).execute();
  return rows.map((row) => row.teamId);
}

/** Every installation's id and key version, for `npm run rekey`. */
export async function listInstallationKeys(db: Db): Promise<{ teamId: string; keyVersion: string }[]> {
  return db.selectFrom('installation').select(['teamId', 'keyVersion']).orderBy('teamId').execute();
}

/**
 * The official `@slack/oauth` InstallationStore contract over the installation table, so InstallProvider
 * stores what the OAuth callback receives. Only bot installs are kept (Learnloop asks for no user scopes).
 */
export class PostgresInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: TokenCipher,
    private readonly now: () => Date,
    /** Called after a store: the welcome DM, the cache's forget. */
    private readonly onStored: (bot: InstalledBot) => Promise<void> = async () => undefined,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const bot = installedBotOf(installation);
    await upsertInstallation(this.db, this.cipher, bot, this.now());
    await this.onStored(bot);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const row = query.isEnterpriseInstall && query.enterpriseId ? await findInstallationRow(this.db, query.enterpriseId) : await findServingInstallationRow(this.db, query.teamId ?? '', query.enterpriseId);
    if (!row) throw new Error('no installation for this workspace');
    const bot = openRow(this.cipher, row);
    return {
      team: bot.isEnterpriseInstall ? undefined : { id: bot.id },
      enterprise: bot.enterpriseId ? { id: bot.enterpriseId } : undefined,
      user: { id: bot.installerUserId ?? '', token: undefined, scopes: undefined },
      bot: {
        token: bot.botToken,
        refreshToken: bot.refreshToken ?? undefined,
        expiresAt: bot.tokenExpiresAt ? Math.floor(bot.tokenExpiresAt.getTime() / 1000) : undefined,
        scopes: bot.botScopes,
        id: bot.botId,
        userId: bot.botUserId,
      },
      appId: bot.appId ?? undefined,
      isEnterpriseInstall: bot.isEnterpriseInstall,
      authVersion: 'v2',
      tokenType: 'bot',
    } as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await deleteInstallation(this.db, (query.isEnterpriseInstall ? query.enterpriseId : query.teamId) ?? '');
  }
}

function installedBotOf(installation: Installation): InstalledBot {
  const bot = installation.bot;
  if (!bot) throw new Error('the installation has no bot token (the app must ask for bot scopes)');
  return {
    id: installationIdOf(installation),
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    appId: installation.appId ?? null,
    botId: bot.id,
    botUserId: bot.userId,
    botScopes: bot.scopes,
    installerUserId: installation.user.id || null,
    url: installation.enterpriseUrl ?? null,
    botToken: bot.token,
    refreshToken: bot.refreshToken ?? null,
    tokenExpiresAt: bot.expiresAt === undefined ? null : new Date(bot.expiresAt * 1000),
  };
}

