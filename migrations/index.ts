import type { Migration } from 'kysely';
import * as createWorkspaceAndEventReceipt from './2026_11_22_0900_create_workspace_and_event_receipt';
import * as createPrompts from './2026_11_22_1000_create_prompts';
import * as createLearningsAndFeedback from './2026_11_22_1100_create_learnings_and_feedback';
import * as createReviews from './2026_11_22_1200_create_reviews';
import * as createMentoringAndSessions from './2026_11_22_1300_create_mentoring_and_sessions';
import * as createDigestsAndSettings from './2026_11_22_1400_create_digests_and_settings';
import * as digestIndexes from './2026_11_22_1500_digest_indexes';
import * as reviewCloseClaims from './2026_11_22_1600_review_close_claims';
import * as learningReactionsAndShareClaims from './2026_11_22_1700_learning_reactions_and_share_claims';
import * as threadReplyEditedTs from './2026_11_22_1800_thread_reply_edited_ts';
import * as phraseSearchBigrams from './2026_11_22_1900_phrase_search_bigrams';
import * as digestMemberCounts from './2026_11_22_2000_digest_member_counts';
import * as pendingNudgesIndex from './2026_11_22_2100_pending_nudges_index';
import * as learningReferences from './2026_11_22_2200_learning_references';
import * as feedbackSends from './2026_11_22_2300_feedback_sends';
import * as audiences from './2026_12_05_0900_audiences';
import * as requestReceipts from './2026_12_06_0900_request_receipts';
import * as forgottenSessionLeaders from './2026_12_06_1000_forgotten_session_leaders';
import * as teamIdInEveryKey from './2026_12_07_0900_team_id_in_every_key';
import * as installations from './2026_12_08_0900_installations';
import * as growth from './2026_12_09_0900_growth';
import * as projects from './2026_12_10_0900_projects';
import * as communities from './2026_12_11_0900_communities';
import * as aiPartner from './2026_12_13_0900_ai_partner';
import * as eventSources from './2026_12_12_0900_event_sources';
import * as postClaims from './2026_12_15_0900_post_claims';
import * as pulse from './2026_12_14_0900_pulse';

/** Every migration, in order. Listed statically so the same code runs from ts (tests) and js (dist). */
export const migrations: Record<string, Migration> = {
  '2026_11_22_0900_create_workspace_and_event_receipt': createWorkspaceAndEventReceipt,
  '2026_11_22_1000_create_prompts': createPrompts,
  '2026_11_22_1100_create_learnings_and_feedback': createLearningsAndFeedback,
  '2026_11_22_1200_create_reviews': createReviews,
  '2026_11_22_1300_create_mentoring_and_sessions': createMentoringAndSessions,
  '2026_11_22_1400_create_digests_and_settings': createDigestsAndSettings,
  '2026_11_22_1500_digest_indexes': digestIndexes,
  '2026_11_22_1600_review_close_claims': reviewCloseClaims,
  '2026_11_22_1700_learning_reactions_and_share_claims': learningReactionsAndShareClaims,
  '2026_11_22_1800_thread_reply_edited_ts': threadReplyEditedTs,
  '2026_11_22_1900_phrase_search_bigrams': phraseSearchBigrams,
  '2026_11_22_2000_digest_member_counts': digestMemberCounts,
  '2026_11_22_2100_pending_nudges_index': pendingNudgesIndex,
  '2026_11_22_2200_learning_references': learningReferences,
  '2026_11_22_2300_feedback_sends': feedbackSends,
  '2026_12_05_0900_audiences': audiences,
  '2026_12_06_0900_request_receipts': requestReceipts,
  '2026_12_06_1000_forgotten_session_leaders': forgottenSessionLeaders,
  '2026_12_07_0900_team_id_in_every_key': teamIdInEveryKey,
  '2026_12_08_0900_installations': installations,
  '2026_12_09_0900_growth': growth,
  '2026_12_10_0900_projects': projects,
  '2026_12_11_0900_communities': communities,
  '2026_12_12_0900_event_sources': eventSources,
  '2026_12_13_0900_ai_partner': aiPartner,
  '2026_12_14_0900_pulse': pulse,
  '2026_12_15_0900_post_claims': postClaims,
};
