import type { Outcome } from '../shared/statusWatch';

/**
 * The reference's status groups: `success` is trained; `error`, `error:*` (subscription limits:
 * `error:storage`, `error:token`) and `fail` are failures; anything else — including statuses the
 * reference does not list — is still in progress.
 */
export function sourceOutcome(status: unknown): Outcome {
	const value = String(status ?? '');
	if (value === 'success') return 'finished';
	if (value === 'error' || value === 'fail' || value.startsWith('error:')) return 'failed';
	return 'inProgress';
}
