import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { postOnce } from '../../../platform/slack/post-once';
import type { Deps } from '../../../deps';
import { insertChannelQuestion, insertSchedule } from '../../prompts';
import { localDateTimeToInstant, nextOccurrence, parseIsoDate } from '../../../platform/time/cadence';
import { insertProject, listPeople, setCharterTs, setProjectSchedule, type Project } from '../queries';
import { LEARNING_SET_QUESTION, setCadenceOf, type Charter } from '../rules';
import { charterMessage, roleMessage, supervisorAskMessage } from '../blocks';

type CreateDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'audiences' | 'poster'>;

/** The first sponsor check-in: a month after the start, at 10:00 in the project's zone. */
export function firstSponsorCheckIn(startsOn: string, timeZone: string): Date {
  const start = parseIsoDate(startsOn)!;
  const month = start.month === 12 ? { year: start.year + 1, month: 1 } : { year: start.year, month: start.month + 1 };
  return localDateTimeToInstant({ ...month, day: Math.min(start.day, 28) }, { hour: 10, minute: 0 }, timeZone);
}

/**
 * Sets a checked charter up, claimed by the form submission it came from (a form sent twice sets up one
 * project; the second gets undefined and posts nothing): the project and its people, the learning sets as
 * a prompt schedule in the project channel (with the action-learning questions as the channel's
 * question), in one transaction; then the charter posted in the channel, each person's role by DM, and
 * each member asked to name their supervisor, each posted once.
 */
export async function createProject(
  deps: CreateDeps,
  client: WebClient,
  input: { teamId: string; userId: string; charter: Charter; timeZone: string; submissionKey: string },
): Promise<Project | undefined> {
  const { teamId, charter, timeZone } = input;
  const cadence = setCadenceOf(charter.setCadence, charter.startsOn, charter.setTime);
  const startAt = localDateTimeToInstant(parseIsoDate(charter.startsOn)!, { hour: 0, minute: 0 }, timeZone);
  const privateChannelId = await deps.audiences.privateChannelOf(client, teamId, charter.channelId);
  const project = await deps.db.transaction().execute(async (trx) => {
    // The claim first: a second submission waits here for the first and then finds its project.
    const claimed = await insertProject(trx, { teamId, charter, timeZone, createdBy: input.userId, privateChannelId, scheduleId: null, nextSponsorCheckInAt: firstSponsorCheckIn(charter.startsOn, timeZone), submissionKey: input.submissionKey });
    if (!claimed) return undefined;
    const schedule = await insertSchedule(trx, {
      teamId,
      channelId: charter.channelId,
      createdBy: input.userId,
      cadence,
      timeZone,
      questionSet: 'custom',
      nextRunAt: nextOccurrence(cadence, timeZone, new Date(Math.max(startAt.getTime(), deps.clock.now().getTime()))),
    });
    await insertChannelQuestion(trx, { teamId, channelId: charter.channelId, text: LEARNING_SET_QUESTION, createdBy: input.userId });
    return setProjectSchedule(trx, teamId, claimed.id, schedule.id);
  });
  if (!project) {
    deps.logger.info({ teamId, userId: input.userId }, 'charter submitted twice; the project was set up once');
    return undefined;
  }
  deps.logger.info({ teamId, userId: input.userId, projectId: project.id, channelId: project.channelId }, 'project created');
  const people = await listPeople(deps.db, teamId, project.id);
  const post = async (what: string, message: { channel: string; text: string; blocks: KnownBlock[] }, eventType: string, payload: Record<string, string | number>): Promise<string | undefined> => {
    try {
      const posted = await postOnce(deps.poster, { ...message, unfurl_links: false }, { eventType, payload }, deps.logger);
      if (posted.kind === 'posted') return posted.ts;
      deps.logger.warn({ teamId, projectId: project.id, reason: posted.reason }, `could not ${what}`);
    } catch (error) {
      deps.logger.warn({ err: error, teamId, projectId: project.id }, `could not ${what}`);
    }
    return undefined;
  };
  const charterPost = charterMessage(project, people);
  const charterTs = await post('post a charter', { channel: project.channelId, ...charterPost }, 'learnloop_project_charter', { project_id: project.id });
  if (charterTs) await setCharterTs(deps.db, teamId, project.id, charterTs);
  for (const person of people) {
    const role = roleMessage(project, person.role, charter);
    await post('tell someone their project role', { channel: person.userId, ...role }, 'learnloop_project_role', { project_id: project.id, user_id: person.userId });
    if (person.role === 'member') {
      const ask = supervisorAskMessage(project);
      await post('ask a member for their supervisor', { channel: person.userId, ...ask }, 'learnloop_project_supervisor_ask', { project_id: project.id, user_id: person.userId });
    }
  }
  return project;
}
