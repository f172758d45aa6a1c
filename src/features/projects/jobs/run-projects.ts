import type { Deps } from '../../../deps';
import type { Job } from '../../../platform/scheduler';
import { listActiveWorkspaceIds } from '../../../platform/db/workspaces';
import { enqueueDm } from '../../../platform/scheduler/scheduled-dms';
import type { DmRelevance } from '../../../platform/scheduler/send-scheduled-dms';
import { postOnce } from '../../../platform/slack/post-once';
import { isoDateOf, localDateTimeToInstant, localParts } from '../../../platform/time/cadence';
import { escapeMentions } from '../../../platform/ui/text';
import { startReview } from '../../reviews';
import {
  claimDueModules,
  claimMilestone,
  claimNewLearningSets,
  claimSponsorCheckIns,
  countProjectFigures,
  findProject,
  listActiveProjects,
  listPeople,
  listProjectLearnings,
  markModulePosted,
  markSetButtons,
  setMidpointReview,
  type Project,
} from '../queries';
import { finalProposalMessage, learningSetButtons, moduleMessage, sponsorCheckInMessage } from '../blocks';
import { midpointOf } from '../rules';

export const SPONSOR_CHECK_IN = 'project_sponsor_check_in';
// A claim older than this belongs to a stopped process: taken again, and looked for before posting.
const STALE_MS = 5 * 60 * 1000;
// The final review and showcase are offered two weeks before the end, in time to plan a showcase.
const FINAL_PROPOSAL_DAYS = 14;

type JobDeps = Deps & { minGroupSize(teamId: string): Promise<number> };

/** Each new learning set (a posted prompt of a project's schedule) gets its buttons in its thread, once. */
export function postLearningSetButtons(deps: JobDeps): Job {
  return {
    name: 'project-learning-sets',
    async run() {
      const totals = { sets: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'project-learning-sets', async () => {
          for (const set of await claimNewLearningSets(deps.db, teamId)) {
            const message = learningSetButtons(set.projectId);
            const posted = await postOnce(deps.poster, { channel: set.channelId, thread_ts: set.messageTs, text: message.text, blocks: message.blocks }, { eventType: 'learnloop_project_set', payload: { prompt_id: set.promptId } }, deps.logger).catch(
              (error) => void deps.logger.warn({ err: error, teamId, promptId: set.promptId }, 'learning-set buttons not posted'),
            );
            if (posted?.kind === 'posted') {
              await markSetButtons(deps.db, teamId, set.promptId, posted.ts);
              totals.sets += 1;
            }
          }
        });
      }
      return totals;
    },
  };
}

/** Modules due today (in each project's zone) are posted once, with their question in the thread. */
export function postDueModules(deps: JobDeps): Job {
  return {
    name: 'project-modules',
    async run(now) {
      const totals = { modules: 0, failed: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'project-modules', async () => {
          for (const module of await claimDueModules(deps.db, teamId, now, STALE_MS)) {
            const message = moduleMessage(module);
            const mark = { eventType: 'learnloop_project_module', payload: { module_id: module.id } };
            try {
              const posted = await postOnce(deps.poster, { channel: module.channelId, text: message.text, blocks: message.blocks, unfurl_links: false }, mark, deps.logger, module.stale ? { lookFirstSince: Math.floor(now.getTime() / 1000) - 3600 } : {});
              if (posted.kind !== 'posted') {
                totals.failed += 1;
                continue;
              }
              await markModulePosted(deps.db, teamId, module.id, posted.ts, now);
              if (module.question) {
                await postOnce(deps.poster, { channel: module.channelId, thread_ts: posted.ts, text: `:thought_balloon: ${escapeMentions(module.question)}` }, { eventType: 'learnloop_project_module_question', payload: { module_id: module.id } }, deps.logger);
              }
              totals.modules += 1;
            } catch (error) {
              totals.failed += 1;
              deps.logger.warn({ err: error, teamId, moduleId: module.id }, 'module not posted; its claim is taken again later');
            }
          }
        });
      }
      return totals;
    },
  };
}

/** A month on, at 10:00 in the project's zone. */
function monthLater(project: Project, from: Date): Date {
  const local = localParts(from, project.timeZone);
  const month = local.month === 12 ? { year: local.year + 1, month: 1 } : { year: local.year, month: local.month + 1 };
  return localDateTimeToInstant({ ...month, day: Math.min(local.day, 28) }, { hour: 10, minute: 0 }, project.timeZone);
}

/** Monthly sponsor check-ins, queued through the DM budget and quiet hours, once per month across processes. */
export function queueSponsorCheckIns(deps: JobDeps): Job {
  return {
    name: 'project-sponsor-check-ins',
    async run(now) {
      const totals = { queued: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'project-sponsor-check-ins', async () => {
          for (const project of await claimSponsorCheckIns(deps.db, teamId, now, (p) => monthLater(p, now))) {
            const sponsor = (await listPeople(deps.db, teamId, project.id)).find((p) => p.role === 'sponsor');
            if (!sponsor) continue;
            const since = project.lastSponsorCheckInAt ?? project.createdAt;
            const today = isoDateOf(localParts(now, project.timeZone));
            // What the sponsor may read themselves: the audience rule, with the sponsor as the viewer.
            const [figures, learnings, minGroupSize] = await Promise.all([
              countProjectFigures(deps.db, project, since, today),
              deps.audiences.person(deps.slack, teamId, sponsor.userId).then((viewer) => listProjectLearnings(deps.db, project, since, viewer)),
              deps.minGroupSize(teamId),
            ]);
            const message = sponsorCheckInMessage(project, figures, learnings, minGroupSize);
            const queued = await enqueueDm(deps.db, {
              teamId,
              userId: sponsor.userId,
              kind: SPONSOR_CHECK_IN,
              dedupeKey: `${SPONSOR_CHECK_IN}:${project.id}:${project.nextSponsorCheckInAt?.toISOString() ?? now.toISOString()}`,
              payload: { projectId: project.id, text: message.text, blocks: message.blocks },
              dueAt: now,
              onlyUsefulOnDay: false,
            });
            if (queued) totals.queued += 1;
          }
        });
      }
      return totals;
    },
  };
}

/** A queued sponsor check-in still matters while its project runs. */
export function sponsorCheckInRelevance(deps: Pick<Deps, 'db'>): DmRelevance {
  return async (dm) => {
    const projectId = Number((dm.payload as { projectId?: unknown }).projectId);
    const project = Number.isInteger(projectId) ? await findProject(deps.db, dm.teamId, projectId) : undefined;
    return project?.status === 'active' ? null : 'project no longer active';
  };
}

/**
 * Milestones, each claimed once: on the mid-point date the mid-point review opens in the project channel
 * (started in the coach's name, else the sponsor's); two weeks before the end the coach (else the sponsor)
 * is offered the final review and a showcase.
 */
export function runMilestones(deps: JobDeps): Job {
  return {
    name: 'project-milestones',
    async run(now) {
      const totals = { midpoints: 0, proposals: 0 };
      for (const teamId of await listActiveWorkspaceIds(deps.db)) {
        await deps.workspaces.within(teamId, 'project-milestones', async () => {
          for (const project of await listActiveProjects(deps.db, teamId)) {
            const today = isoDateOf(localParts(now, project.timeZone));
            const people = await listPeople(deps.db, teamId, project.id);
            const steward = people.find((p) => p.role === 'coach') ?? people.find((p) => p.role === 'sponsor');
            if (!steward) continue;
            if (today >= midpointOf(project.startsOn, project.endsOn) && !project.midpointClaimedAt && (await claimMilestone(deps.db, teamId, project.id, 'midpointClaimedAt', now))) {
              const result = await startReview(deps, deps.slack, { teamId, channelId: project.channelId, userId: steward.userId, title: escapeMentions(`Mid-point review: ${project.name}`), trigger: 'command' }).catch((error) => {
                deps.logger.warn({ err: error, teamId, projectId: project.id }, 'mid-point review not started');
                return undefined;
              });
              if (result?.kind === 'started') {
                await setMidpointReview(deps.db, teamId, project.id, result.review.id);
                totals.midpoints += 1;
              }
            }
            const proposalDay = new Date(Date.parse(`${project.endsOn}T00:00:00Z`) - FINAL_PROPOSAL_DAYS * 86_400_000).toISOString().slice(0, 10);
            if (today >= proposalDay && !project.finalProposedAt && (await claimMilestone(deps.db, teamId, project.id, 'finalProposedAt', now))) {
              const message = finalProposalMessage(project);
              await postOnce(deps.poster, { channel: steward.userId, text: message.text, blocks: message.blocks }, { eventType: 'learnloop_project_final', payload: { project_id: project.id } }, deps.logger).catch((error) =>
                deps.logger.warn({ err: error, teamId, projectId: project.id }, 'final proposal not sent'),
              );
              totals.proposals += 1;
            }
          }
        });
      }
      return totals;
    },
  };
}
