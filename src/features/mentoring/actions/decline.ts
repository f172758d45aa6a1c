import type { Deps } from '../../../deps';
import { mentorAnswerRequest } from './accept';

/** "Decline" on a mentor request: the requester is told. */
export const mentorDecline = (deps: Pick<Deps, 'db' | 'logger' | 'clock' | 'teamId' | 'users'>) => mentorAnswerRequest(deps, 'decline');
