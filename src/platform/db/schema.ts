import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Cadence } from '../time/cadence';

export type QuestionSet = 'default' | 'custom' | 'mixed';

/** Columns are camelCase here; the CamelCasePlugin maps them to the snake_case columns of the migrations. */
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface WorkspaceTable {
  teamId: string;
  name: string | null;
  /** The workspace's web address, e.g. https://acme.slack.com/ (permalinks are built from it). */
  url: string | null;
  botUserId: string | null;
  uninstalledAt: Date | null;
  /** The Enterprise Grid org the workspace belongs to, if any (an org-wide install serves it). */
  enterpriseId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

/**
 * Distribution mode: one installation per workspace (teamId T…) or, for an org-wide install, per
 * Enterprise Grid org (teamId is then the org's E… id). Tokens are AES-256-GCM ciphertexts under the key
 * that keyVersion names; they are never stored or logged in plain text.
 */
export interface InstallationTable {
  teamId: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botId: string;
  botUserId: string;
  botScopes: string[];
  installerUserId: string | null;
  url: string | null;
  keyVersion: string;
  botToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  /** While a process refreshes the rotating token; others wait for its result. */
  refreshClaimedUntil: ColumnType<Date | null, Date | null | undefined, Date | null>;
  installedAt: ColumnType<Date, Date | undefined, Date>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A competency of the workspace's map: the #tags that count as evidence for it and its four level names. */
export interface CompetencyTable {
  teamId: string;
  id: Generated<number>;
  name: string;
  description: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  levels: string[];
  createdBy: string;
  retiredAt: Date | null;
  createdAt: CreatedAt;
}

export type EvidenceKind = 'learning' | 'feedback' | 'reflection' | 'commitment' | 'check_in' | 'session';

/** The competency someone picked for an item in its form (evidence beside the item's own #tags). */
export interface CompetencyPickTable {
  teamId: string;
  itemKind: EvidenceKind;
  itemId: number;
  competencyId: number;
  pickedBy: string;
  createdAt: CreatedAt;
}

export type GoalStatus = 'open' | 'claimed' | 'confirmed' | 'withdrawn';

/** A person's growth goal: a competency level by a date; reached when they claim it and someone confirms. */
export interface GrowthGoalTable {
  teamId: string;
  id: Generated<number>;
  userId: string;
  competencyId: number;
  /** 1–4: the competency's levels in order. */
  targetLevel: number;
  /** YYYY-MM-DD. */
  dueDate: ColumnType<string | null, string | null | undefined, string | null>;
  /** The person's zone when it was set: time-to-competency counts their calendar days. */
  timeZone: string;
  /** False: a level claimed without a goal first; time-to-competency then counts from the first evidence. */
  wasGoal: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<GoalStatus, GoalStatus | undefined, GoalStatus>;
  /** The second person the owner chose to confirm it; null: any of their mentors. */
  confirmerId: string | null;
  claimedAt: Date | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  /** When time-to-competency starts: the goal's creation, or the first evidence for a claim without one. */
  startedAt: Date | null;
  createdAt: CreatedAt;
}

export type ProjectStatus = 'active' | 'paused' | 'closed';
export type ProjectRole = 'member' | 'sponsor' | 'coach';
export type SetCadence = 'weekly' | 'biweekly' | 'monthly';

/** An action-learning project's charter and where it stands. */
export interface ProjectTable {
  teamId: string;
  id: Generated<number>;
  name: string;
  challenge: string;
  channelId: string;
  privateChannelId: string | null;
  /** YYYY-MM-DD, in the project's zone. */
  startsOn: ColumnType<string, string, string>;
  endsOn: ColumnType<string, string, string>;
  hoursPerWeek: number;
  setCadence: SetCadence;
  timeZone: string;
  wave: string | null;
  status: ColumnType<ProjectStatus, ProjectStatus | undefined, ProjectStatus>;
  /** The prompt schedule that runs its learning sets. */
  scheduleId: number | null;
  charterTs: string | null;
  createdBy: string;
  nextSponsorCheckInAt: Date | null;
  lastSponsorCheckInAt: Date | null;
  midpointReviewId: number | null;
  midpointClaimedAt: Date | null;
  finalProposedAt: Date | null;
  closedAt: Date | null;
  /** The claim on setting it up: the charter form it came from, so a double submission makes one project. */
  submissionKey: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

/** A project's person: a member (with their supervisor's answer), its sponsor or its coach. */
export interface ProjectPersonTable {
  teamId: string;
  projectId: number;
  userId: string;
  role: ProjectRole;
  supervisorId: string | null;
  supervisorAnswer: 'agreed' | 'talk' | null;
  supervisorAnsweredAt: Date | null;
}

export interface ProjectModuleTable {
  teamId: string;
  id: Generated<number>;
  projectId: number;
  title: string;
  link: string | null;
  dueOn: ColumnType<string, string, string>;
  question: string | null;
  createdBy: string;
  postClaimedAt: Date | null;
  postedAt: Date | null;
  messageTs: string | null;
  createdAt: CreatedAt;
}

export interface ProjectModuleDoneTable {
  teamId: string;
  moduleId: number;
  userId: string;
  doneAt: ColumnType<Date, Date | undefined, Date>;
}

export interface ProjectSetTable {
  teamId: string;
  promptId: number;
  projectId: number;
  buttonsTs: string | null;
  claimedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface ProjectFlagTable {
  teamId: string;
  id: Generated<number>;
  projectId: number;
  kind: 'stuck' | 'recognition';
  /** Who raised it; null for a stuck flag raised without a name. */
  userId: string | null;
  recipientId: string | null;
  feedbackId: number | null;
  note: string | null;
  /** The claim on a stuck flag's DMs: a hash of its sender (or none), words and day. */
  dedupeKey: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

/** A community of practice: the #tags it follows across channels, and its home channel. */
export interface CommunityTable {
  teamId: string;
  id: Generated<number>;
  name: string;
  purpose: string | null;
  tags: string[];
  homeChannelId: string;
  status: ColumnType<'active' | 'archived', 'active' | 'archived' | undefined, 'active' | 'archived'>;
  createdBy: string;
  nextDigestAt: Date;
  lastDigestAt: Date | null;
  createdAt: CreatedAt;
}

export interface CommunityMemberTable {
  teamId: string;
  communityId: number;
  userId: string;
  role: ColumnType<'member' | 'lead', 'member' | 'lead' | undefined, 'member' | 'lead'>;
  homeTeamChannelId: string | null;
  pairing: ColumnType<boolean, boolean | undefined, boolean>;
  joinedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface CommunityQuestionTable {
  teamId: string;
  id: Generated<number>;
  communityId: number;
  askerId: string;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  text: string;
  sourcePermalink: string | null;
  messageTs: string | null;
  helpedAt: Date | null;
  /** The claim on posting it: a hash of its words and day; the same asker's same question is posted once. */
  dedupeKey: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

export interface CommunityPairingTable {
  teamId: string;
  id: Generated<number>;
  communityId: number;
  round: number;
  userIds: string[];
  createdAt: CreatedAt;
}

/** A coffee-pairing round's claim: one per community per round number and per day. */
export interface CommunityPairingRoundTable {
  teamId: string;
  id: Generated<number>;
  communityId: number;
  round: number;
  /** YYYY-MM-DD (UTC). */
  day: ColumnType<string, string, string>;
  createdAt: CreatedAt;
}

/** A channel's team learning pulse schedule. */
export interface PulseScheduleTable {
  teamId: string;
  channelId: string;
  every: 'monthly' | 'biweekly';
  /** Monthly: the nth weekday of the month (5 = the last); null for biweekly. */
  nth: number | null;
  weekday: number;
  hour: number;
  minute: number;
  /** Biweekly: an ISO local date of a week the pulse runs in. */
  anchor: string | null;
  timeZone: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  nextRunAt: Date;
  createdBy: string;
  createdAt: CreatedAt;
}

/** A workspace's own pulse statements (else Learnloop's default set). */
export interface PulseStatementSetTable {
  teamId: string;
  statements: string[];
  updatedBy: string;
  createdAt: CreatedAt;
}

/** One pulse in one channel: open for three days or until everyone invited answered. */
export interface PulseRunTable {
  teamId: string;
  id: Generated<number>;
  channelId: string;
  /** The channel, when it is private: the audience rule keeps its results to its members. */
  privateChannelId: string | null;
  scheduledFor: Date;
  statements: string[];
  status: ColumnType<'open' | 'closed' | 'failed', 'open' | 'closed' | 'failed' | undefined, 'open' | 'closed' | 'failed'>;
  invitedCount: ColumnType<number, number | undefined, number>;
  openedAt: Date;
  closesAt: Date;
  remindAt: Date;
  remindedAt: Date | null;
  closedAt: Date | null;
  resultsTs: string | null;
  /** The last try to post the results (claimed; a failed try is taken again a while later). */
  resultsAttemptAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  createdAt: CreatedAt;
}

/** Who was asked to answer a pulse. */
export interface PulseInviteeTable {
  teamId: string;
  pulseRunId: number;
  userId: string;
}

/** Who answered a pulse: no time, no link to their answers. */
export interface PulseParticipationTable {
  teamId: string;
  pulseRunId: number;
  userId: string;
}

/** One anonymous answer sheet: no user id, no time; `id` is random. */
export interface PulseAnswerTable {
  teamId: string;
  id: string;
  pulseRunId: number;
  scores: number[];
}

/** One anonymous "What would help us learn more?": no user id, no time; `id` is random. */
export interface PulseFreeTextTable {
  teamId: string;
  id: string;
  pulseRunId: number;
  text: string;
}

/** An API token of a workspace: only its SHA-256 hash is kept; it is shown once, when made. */
export interface ApiTokenTable {
  teamId: string;
  id: Generated<number>;
  name: string;
  tokenHash: string;
  createdBy: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: CreatedAt;
}

export interface ApiRequestMinuteTable {
  teamId: string;
  tokenId: number;
  minute: Date;
  requests: number;
}

export type EventSourceKind = 'pagerduty' | 'github';

/** Where a PagerDuty service's incidents or a GitHub repository's releases and failed deploys are reviewed. */
export interface EventSourceTable {
  teamId: string;
  source: EventSourceKind;
  key: string;
  channelId: string;
  createdBy: string;
  createdAt: CreatedAt;
}

/** The secret a source signs its webhooks with (never shown again, logged or exported). */
export interface EventSourceSecretTable {
  teamId: string;
  source: EventSourceKind;
  secret: string;
  setBy: string;
  setAt: ColumnType<Date, Date | undefined, Date>;
}

/** Whether a workspace's admins turned the AI partner on, and its daily request budget. */
export interface AiSettingTable {
  teamId: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  dailyBudget: ColumnType<number, number | undefined, number>;
  updatedBy: string;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A channel that said `/learnloop settings ai off`: nothing of it is sent, no AI button appears in it. */
export interface AiChannelOptOutTable {
  teamId: string;
  channelId: string;
  optedOutBy: string;
  createdAt: CreatedAt;
}

/** Requests made to the model per workspace per UTC day, counted against the budget. */
export interface AiRequestDayTable {
  teamId: string;
  /** ISO date (UTC). */
  day: ColumnType<string, string, string>;
  requests: number;
}

export type AiDraftKind = 'review_synthesis' | 'digest_themes' | 'next_question' | 'ask';
export type AiDraftStatus = 'drafting' | 'draft' | 'published' | 'discarded';

/** A draft only its reader sees until they publish it; a discarded one keeps no text. */
export interface AiDraftTable {
  teamId: string;
  id: Generated<number>;
  userId: string;
  kind: AiDraftKind;
  /** The review, digest or prompt it is about (null for an answer to `ask-ai`). */
  subjectId: number | null;
  /** Where Publish posts it. */
  channelId: string;
  threadTs: string | null;
  status: AiDraftStatus;
  body: ColumnType<string, string | undefined, string>;
  /** Candidate commitments (a synthesis): each still needs a person's "Own this". */
  candidates: ColumnType<string[], string[] | undefined, string[]>;
  model: string;
  promptVersion: string;
  /** The DM that shows the draft (updated when it is published or discarded). */
  dmChannelId: string | null;
  dmTs: string | null;
  publishedTs: string | null;
  publishedAt: Date | null;
  createdAt: CreatedAt;
}

/** A single-use OAuth state, kept for 10 minutes: its hash, never the state itself. */
export interface OauthStateTable {
  stateHash: string;
  installOptions: ColumnType<unknown, string, string>;
  expiresAt: Date;
}

export interface EventReceiptTable {
  teamId: string;
  eventId: string;
  eventType: string;
  createdAt: CreatedAt;
}

/** A signed slash command or interaction already handled: a hash of its X-Slack-Signature, never the body. */
export interface RequestReceiptTable {
  teamId: string;
  signatureHash: string;
  receivedAt: ColumnType<Date, Date | undefined, never>;
}

export interface PromptScheduleTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  createdBy: string;
  cadence: ColumnType<Cadence, string, string>;
  timeZone: string;
  questionSet: ColumnType<QuestionSet, QuestionSet | undefined, QuestionSet>;
  status: ColumnType<'active' | 'paused', 'active' | 'paused' | undefined, 'active' | 'paused'>;
  pausedReason: string | null;
  nextRunAt: Date;
  nudgeAfterMinutes: number | null;
  lastResult: 'posted' | 'failed' | 'skipped' | null;
  lastResultReason: string | null;
  lastRunAt: Date | null;
  createdAt: CreatedAt;
}

export type PromptStatus = 'claimed' | 'posted' | 'failed' | 'skipped';

export interface PromptTable {
  id: Generated<number>;
  teamId: string;
  scheduleId: number | null;
  channelId: string;
  scheduledFor: Date;
  status: PromptStatus;
  statusReason: string | null;
  questionId: string | null;
  questionText: string | null;
  claimedAt: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
  messageTs: string | null;
  postedAt: Date | null;
  requestedBy: string | null;
  nudgeAfterMinutes: number | null;
  nudgesQueuedAt: Date | null;
  createdAt: CreatedAt;
}

export type ThreadKind = 'prompt' | 'review' | 'session';

export interface TrackedThreadTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  threadTs: string;
  kind: ThreadKind;
  subjectId: number;
  createdAt: CreatedAt;
}

export type Visibility = 'public' | 'private';

export interface ThreadReplyTable {
  id: Generated<number>;
  teamId: string;
  threadId: number;
  channelId: string;
  userId: string;
  text: string;
  ts: string | null;
  permalink: string | null;
  visibility: ColumnType<Visibility, Visibility | undefined, Visibility>;
  /** The private channel it was said in (only its members may read it); null for a public channel. */
  privateChannelId: ColumnType<string | null, string | null | undefined, string | null>;
  editedAt: Date | null;
  /** Slack's ts of the edit the text comes from; a late, older edit does not overwrite it. */
  editedTs: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated by PostgreSQL from text; never written. */
  search: ColumnType<string, never, never>;
  /** Adjacent word pairs of text, generated by PostgreSQL; finds quoted phrases fast. Never written. */
  searchBigrams: ColumnType<string[], never, never>;
  createdAt: CreatedAt;
}

export interface ChannelQuestionTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  text: string;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface PromptSkipTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  /** ISO local dates, inclusive, in the schedule's time zone. */
  fromDate: string;
  toDate: string;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface PersonTable {
  teamId: string;
  userId: string;
  timeZone: string | null;
  mutedUntil: Date | null;
  /** Said yes to `/learnloop settings mentoring open`: may be suggested as a mentor for a growth goal. */
  openToMentoring: ColumnType<boolean, boolean | undefined, boolean>;
  /** `/learnloop settings findable off` keeps them out of `/learnloop who #tag`. */
  findable: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: CreatedAt;
}

export type ScheduledDmStatus = 'pending' | 'sending' | 'sent' | 'dropped' | 'failed';

export interface ScheduledDmTable {
  id: Generated<number>;
  teamId: string;
  userId: string;
  kind: string;
  dedupeKey: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  dueAt: Date;
  onlyUsefulOnDay: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ScheduledDmStatus, ScheduledDmStatus | undefined, ScheduledDmStatus>;
  statusReason: string | null;
  claimedUntil: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  sentAt: Date | null;
  createdAt: CreatedAt;
}

export type LearningSource = 'experience' | 'colleague' | 'review' | 'reading' | 'course' | 'prompt' | 'message' | 'feedback';
export type LearningVisibility = 'team' | 'private';

export interface LearningTable {
  id: Generated<number>;
  teamId: string;
  userId: string;
  text: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  link: string | null;
  visibility: ColumnType<LearningVisibility, LearningVisibility | undefined, LearningVisibility>;
  source: ColumnType<LearningSource, LearningSource | undefined, LearningSource>;
  creditedUserId: string | null;
  sourcePermalink: string | null;
  /** What it came from, e.g. 'review' + the review's id. */
  sourceKind: string | null;
  sourceId: number | null;
  channelId: string | null;
  /** The private channel it was recorded in or came from (only its members may read it); null otherwise. */
  privateChannelId: ColumnType<string | null, string | null | undefined, string | null>;
  sharedChannelId: string | null;
  sharedTs: string | null;
  /** When "Share to channel" took the learning for posting; a claim without a card after a minute may be taken again. */
  shareClaimedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** People's reactions on the shared card (kept by reaction events); ranks the digest's learnings. */
  reactionCount: ColumnType<number, number | undefined, number>;
  /** From a reflection shared without a name: shown without its author to anyone else. */
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  /** Generated by PostgreSQL from text; never written. */
  search: ColumnType<string, never, never>;
  /** Adjacent word pairs of text, generated by PostgreSQL; finds quoted phrases fast. Never written. */
  searchBigrams: ColumnType<string[], never, never>;
  updatedAt: Date | null;
  createdAt: CreatedAt;
}

/** One line per feedback sent (no content): the daily limit counts these, deleted feedback included. */
export interface FeedbackSendTable {
  id: Generated<string>;
  teamId: string;
  senderId: string;
  feedbackId: number | null;
  sentAt: ColumnType<Date, Date | undefined, never>;
}

export interface FeedbackTable {
  id: Generated<number>;
  teamId: string;
  senderId: string;
  recipientId: string;
  situation: string | null;
  behaviour: string | null;
  impact: string | null;
  text: string | null;
  contextPermalink: string | null;
  deliveredChannelId: string | null;
  deliveredTs: string | null;
  status: ColumnType<'pending' | 'delivered' | 'failed', 'pending' | 'delivered' | 'failed' | undefined, 'pending' | 'delivered' | 'failed'>;
  thankedAt: Date | null;
  sharedWithMentorAt: Date | null;
  savedLearningId: number | null;
  statusReason: string | null;
  createdAt: CreatedAt;
}

export type ReviewStatus = 'starting' | 'open' | 'closing' | 'closed';
export type ReviewTrigger = 'command' | 'modal' | 'reaction' | 'shortcut' | 'api' | 'webhook' | 'workflow';

export interface ReviewTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  /** The review's channel when it is private: its reflections and commitments are for its members only. */
  privateChannelId: ColumnType<string | null, string | null | undefined, string | null>;
  title: string;
  link: string | null;
  startedBy: string;
  facilitatorId: string | null;
  trigger: ReviewTrigger;
  /** The message a reaction or shortcut started the review on (one review per message). */
  sourceTs: string | null;
  /** The thread the review lives in: the source message's thread, or the review message itself. */
  threadTs: string | null;
  messageTs: string | null;
  status: ColumnType<ReviewStatus, ReviewStatus | undefined, ReviewStatus>;
  /** When a closer took the review (status 'closing'); a claim this old is taken again. */
  closingSince: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Who asked for the close under way; null when the close time closes it. */
  closingBy: ColumnType<string | null, string | null | undefined, string | null>;
  closeAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  summaryTs: string | null;
  /** Set by the API or a webhook: the same id again finds this review instead of starting another. */
  externalId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

export interface ReflectionTable {
  id: Generated<number>;
  teamId: string;
  reviewId: number;
  userId: string;
  expected: string | null;
  actual: string | null;
  whyDifference: string | null;
  nextTime: string | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  updatedAt: Date | null;
  createdAt: CreatedAt;
}

export type CommitmentStatus = 'open' | 'done' | 'dropped';

export interface CommitmentTable {
  id: Generated<number>;
  teamId: string;
  reviewId: number | null;
  ownerId: string;
  text: string;
  /** ISO local date; the follow-up goes out at 09:00 in the owner's time zone. */
  dueDate: string;
  status: ColumnType<CommitmentStatus, CommitmentStatus | undefined, CommitmentStatus>;
  createdBy: string;
  followUpsSent: ColumnType<number, number | undefined, number>;
  droppedReason: string | null;
  doneLearningId: number | null;
  doneAt: Date | null;
  createdAt: CreatedAt;
}

export interface ChannelSettingTable {
  teamId: string;
  channelId: string;
  reviewEmoji: string | null;
  updatedBy: string | null;
  createdAt: CreatedAt;
}

export type PairStatus = 'requested' | 'active' | 'paused' | 'declined' | 'ended';
export type PairCadence = 'weekly' | 'biweekly' | 'monthly';

export interface MentoringPairTable {
  id: Generated<number>;
  teamId: string;
  mentorId: string;
  menteeId: string;
  status: PairStatus;
  cadence: ColumnType<PairCadence, PairCadence | undefined, PairCadence>;
  requestedBy: string;
  requestNote: string | null;
  requestChannelId: string | null;
  requestTs: string | null;
  nextReminderAt: Date | null;
  unansweredReminders: ColumnType<number, number | undefined, number>;
  lastCheckInAt: Date | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
  createdAt: CreatedAt;
}

export interface CheckInTable {
  id: Generated<number>;
  teamId: string;
  pairId: number;
  mentorId: string;
  menteeId: string;
  menteeLearned: string | null;
  mentorLearned: string | null;
  menteeReflection: string | null;
  menteeAnsweredAt: Date | null;
  heldAt: Date;
  createdAt: CreatedAt;
}

export type SessionStatus = 'scheduled' | 'confirmed' | 'postponed' | 'held' | 'cancelled';

export interface LearningSessionTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  topic: string;
  description: string | null;
  organiserId: string;
  leaderId: string;
  backupLeaderId: string;
  confirmedLeaderId: string | null;
  startsAt: Date;
  lengthMinutes: number;
  timeZone: string;
  status: ColumnType<SessionStatus, SessionStatus | undefined, SessionStatus>;
  /** The last step the session job took (announced, leader_asked, backup_asked, resolved, reminded, reflected). */
  stage: ColumnType<string, string | undefined, string>;
  announcementTs: string | null;
  createdAt: CreatedAt;
}

export interface SessionAttendeeTable {
  teamId: string;
  sessionId: number;
  userId: string;
  remindedAt: Date | null;
  createdAt: CreatedAt;
}

export interface DigestScheduleTable {
  teamId: string;
  channelId: string;
  /** 0 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  timeZone: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  nextRunAt: Date;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface DigestTable {
  id: Generated<number>;
  teamId: string;
  channelId: string;
  scheduledFor: Date;
  status: 'claimed' | 'posted' | 'failed' | 'skipped';
  statusReason: string | null;
  messageTs: string | null;
  /** The channel's human members when the digest was posted: the chart's history divides by these. */
  humanMembers: ColumnType<number | null, number | null | undefined, number | null>;
  /** Who asked for it with `digest now`; null for a scheduled digest (its schedule's creator posted it). */
  requestedBy: ColumnType<string | null, string | null | undefined, string | null>;
  claimedAt: Date;
  createdAt: CreatedAt;
}

export interface WorkspaceSettingTable {
  teamId: string;
  /** Delete workspace content older than this many days; null keeps everything. */
  retentionDays: number | null;
  /** Figures from fewer people than this are shown as "fewer than N". */
  minGroupSize: ColumnType<number, number | undefined, number>;
  lastRetentionRunAt: Date | null;
  updatedBy: string | null;
  createdAt: CreatedAt;
}

/** What Slack said of a channel: private ones keep their items to their members. */
export interface ChannelPrivacyTable {
  teamId: string;
  channelId: string;
  isPrivate: boolean;
  checkedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  workspace: WorkspaceTable;
  installation: InstallationTable;
  oauthState: OauthStateTable;
  competency: CompetencyTable;
  competencyPick: CompetencyPickTable;
  growthGoal: GrowthGoalTable;
  project: ProjectTable;
  projectPerson: ProjectPersonTable;
  projectModule: ProjectModuleTable;
  projectModuleDone: ProjectModuleDoneTable;
  projectSet: ProjectSetTable;
  projectFlag: ProjectFlagTable;
  community: CommunityTable;
  communityMember: CommunityMemberTable;
  communityQuestion: CommunityQuestionTable;
  communityPairing: CommunityPairingTable;
  communityPairingRound: CommunityPairingRoundTable;
  pulseSchedule: PulseScheduleTable;
  pulseStatementSet: PulseStatementSetTable;
  pulseRun: PulseRunTable;
  pulseInvitee: PulseInviteeTable;
  pulseParticipation: PulseParticipationTable;
  pulseAnswer: PulseAnswerTable;
  pulseFreeText: PulseFreeTextTable;
  apiToken: ApiTokenTable;
  apiRequestMinute: ApiRequestMinuteTable;
  eventSource: EventSourceTable;
  eventSourceSecret: EventSourceSecretTable;
  aiSetting: AiSettingTable;
  aiChannelOptOut: AiChannelOptOutTable;
  aiRequestDay: AiRequestDayTable;
  aiDraft: AiDraftTable;
  eventReceipt: EventReceiptTable;
  requestReceipt: RequestReceiptTable;
  promptSchedule: PromptScheduleTable;
  prompt: PromptTable;
  trackedThread: TrackedThreadTable;
  threadReply: ThreadReplyTable;
  channelQuestion: ChannelQuestionTable;
  promptSkip: PromptSkipTable;
  person: PersonTable;
  scheduledDm: ScheduledDmTable;
  learning: LearningTable;
  feedback: FeedbackTable;
  feedbackSend: FeedbackSendTable;
  review: ReviewTable;
  reflection: ReflectionTable;
  commitment: CommitmentTable;
  channelSetting: ChannelSettingTable;
  mentoringPair: MentoringPairTable;
  checkIn: CheckInTable;
  learningSession: LearningSessionTable;
  sessionAttendee: SessionAttendeeTable;
  digestSchedule: DigestScheduleTable;
  digest: DigestTable;
  workspaceSetting: WorkspaceSettingTable;
  channelPrivacy: ChannelPrivacyTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type NewWorkspaceRow = Insertable<WorkspaceTable>;
export type WorkspaceRowUpdate = Updateable<WorkspaceTable>;
export type EventReceiptRow = Selectable<EventReceiptTable>;
export type PromptScheduleRow = Selectable<PromptScheduleTable>;
export type PromptRow = Selectable<PromptTable>;
export type ThreadReplyRow = Selectable<ThreadReplyTable>;
export type ScheduledDmRow = Selectable<ScheduledDmTable>;
export type LearningRow = Selectable<LearningTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type ReflectionRow = Selectable<ReflectionTable>;
export type CommitmentRow = Selectable<CommitmentTable>;
