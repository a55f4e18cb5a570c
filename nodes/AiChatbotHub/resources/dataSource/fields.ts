import type { INodeProperties } from 'n8n-workflow';

import { requireUrl } from '../../../shared/validation';

export function referenceSourceLinkField(parameterPath: string): INodeProperties {
	return {
		displayName: 'Reference Source Link',
		name: 'referenceSourceLink',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/docs/pricing',
		description: 'A link that citations of this source point to',
		routing: {
			send: {
				type: 'body',
				property: 'reference_source_link',
				preSend: [requireUrl(parameterPath, 'Reference Source Link', { optional: true })],
			},
		},
	};
}
