import { feedbackSendLog } from '../../../src/features/feedback';
import { cleanShortLivedRows } from '../../../src/platform/scheduler/clean-short-lived-rows';
import { startTestApp, type TestApp } from '../../support/test-app';

const at = (iso: string): Date => new Date(iso);

describe('the hourly clean-up of short-lived rows', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('on the hour, forgets event receipts older than a day and feedback send lines older than two days', async () => {
    const now = at('2026-11-23T10:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await app.db
      .insertInto('eventReceipt')
      .values([
        { teamId: app.teamId, eventId: 'EvOld', eventType: 'message', createdAt: hoursAgo(25) },
        { teamId: app.teamId, eventId: 'EvNew', eventType: 'message', createdAt: hoursAgo(23) },
      ])
      .execute();
    await app.db
      .insertInto('feedbackSend')
      .values([
        { teamId: app.teamId, senderId: 'U0OLD', feedbackId: null, sentAt: hoursAgo(49) },
        { teamId: app.teamId, senderId: 'U0NEW', feedbackId: null, sentAt: hoursAgo(47) },
      ])
      .execute();

    const job = cleanShortLivedRows(app.learnloop.deps, [feedbackSendLog]);
    expect(await job.run(at('2026-11-23T10:01:00Z'))).toEqual({ receipts: 0, requestReceipts: 0, feedbackSends: 0 });
    expect(await job.run(now)).toEqual({ receipts: 1, requestReceipts: 0, feedbackSends: 1 });
    expect((await app.db.selectFrom('eventReceipt').select('eventId').where('eventId', 'like', 'EvOld%').execute())).toEqual([]);
    expect((await app.db.selectFrom('eventReceipt').select('eventId').where('eventId', '=', 'EvNew').execute())).toHaveLength(1);
    expect((await app.db.selectFrom('feedbackSend').select('senderId').orderBy('senderId').execute()).map((r) => r.senderId)).toEqual(['U0NEW']);
  });
});
