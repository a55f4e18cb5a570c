import { returnAllAndLimit, type Operation } from '../../../shared/descriptions';
import { walkNumberedPages } from '../../../shared/pagination';
import { declarativeRequests, type RequestPlan } from '../../../shared/request/declarative';
import { sendKit } from '../../platform';
import { webhookPages, withoutSecret } from '../../webhooks';
import { secretOption, showForWebhook } from './fields';

const walkPages = walkNumberedPages(webhookPages);

/** Every page up to the limit; the signing secrets left out unless 'Include Secret' is on. */
const listWebhooks: RequestPlan = async function (send, requestData) {
	const items = await walkPages.call(this, send, requestData);
	if (this.getNodeParameter('options.includeSecret', false) === true) return items;
	return items.map((item) => ({ ...item, json: withoutSecret(item.json) }));
};

export const getManyWebhooks: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhooks',
		description: 'Get many webhooks of the workspace, with their delivery stats (free)',
		routing: {
			request: { method: 'GET', url: '/v1/webhooks' },
			operations: { pagination: declarativeRequests(sendKit, listWebhooks) },
		},
	},
	properties: [
		...returnAllAndLimit(
			showForWebhook('getAll'),
			'SendKit sends up to 100 webhooks a page; the node reads pages until it has them',
		),
		secretOption('getAll'),
	],
};
