import type { WebClient } from '@slack/web-api';
import type { Deps } from '../../../deps';
import { insertChannelQuestion, insertSchedule } from '../../prompts';
import { localDateTimeToInstant, nextOccurrence, parseIsoDate } from '../../../platform/time/cadence';
import { insertProject, listPeople, setCharterTs, type Project } from '../queries';
import { LEARNING_SET_QUESTION, setCadenceOf, type Charter } from '../rules';
import { charterMessage, roleMessage, supervisorAskMessage } from '../blocks';

type CreateDeps = Pick<Deps, 'db' | 'logger' | 'clock' | 'audiences'>;

/** The first sponsor check-in: a month after the start, at 10:00 in the project's zone. */
export function firstSponsorCheckIn(startsOn: string, timeZone: string): Date {
  const start = parseIsoDate(startsOn)!;
  const month = start.month === 12 ? { year: start.year + 1, month: 1 } : { year: start.year, month: start.month + 1 };
  return localDateTimeToInstant({ ...month, day: Math.min(start.day, 28) }, { hour: 10, minute: 0 }, timeZone);
}

/**
 * Sets a checked charter up: the learning sets as a prompt schedule in the project channel (with the
 * action-learning questions as the channel's question), the project and its people, the charter posted
 * in the channel, each person's role by DM, and each member asked to name their supervisor.
 */
export async function createProject(deps: CreateDeps, client: WebClient, input: { teamId: string; userId: string; charter: Charter; timeZone: string }): Promise<Project> {
  const { teamId, charter, timeZone } = input;
  const cadence = setCadenceOf(charter.setCadence, charter.startsOn, charter.setTime);
  const startAt = localDateTimeToInstant(parseIsoDate(charter.startsOn)!, { hour: 0, minute: 0 }, timeZone);
  const schedule = await insertSchedule(deps.db, {
    teamId,
    channelId: charter.channelId,
    createdBy: input.userId,
    cadence,
    timeZone,
    questionSet: 'custom',
    nextRunAt: nextOccurrence(cadence, timeZone, new Date(Math.max(startAt.getTime(), deps.clock.now().getTime()))),
  });
  await insertChannelQuestion(deps.db, { teamId, channelId: charter.channelId, text: LEARNING_SET_QUESTION, createdBy: input.userId });
  const project = await insertProject(deps.db, {
    teamId,
    charter,
    timeZone,
    createdBy: input.userId,
    privateChannelId: await deps.audiences.privateChannelOf(client, teamId, charter.channelId),
    scheduleId: schedule.id,
    nextSponsorCheckInAt: firstSponsorCheckIn(charter.startsOn, timeZone),
  });
  deps.logger.info({ teamId, userId: input.userId, projectId: project.id, channelId: project.channelId }, 'project created');
  const people = await listPeople(deps.db, teamId, project.id);
  const tell = (what: string, call: Promise<unknown>) => call.catch((error) => deps.logger.warn({ err: error, teamId, projectId: project.id }, `could not ${what}`));
  const charterPost = charterMessage(project, people);
  await tell(
    'post a charter',
    client.chat.postMessage({ channel: project.channelId, text: charterPost.text, blocks: charterPost.blocks, unfurl_links: false }).then(async (posted) => {
      if (posted.ts) await setCharterTs(deps.db, teamId, project.id, posted.ts);
    }),
  );
  for (const person of people) {
    const role = roleMessage(project, person.role, charter);
    await tell('tell someone their project role', client.chat.postMessage({ channel: person.userId, text: role.text, blocks: role.blocks }));
    if (person.role === 'member') {
      const ask = supervisorAskMessage(project);
      await tell('ask a member for their supervisor', client.chat.postMessage({ channel: person.userId, text: ask.text, blocks: ask.blocks }));
    }
  }
  return project;
}
