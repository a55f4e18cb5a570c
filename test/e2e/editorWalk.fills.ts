/*
 * What the editor walk (editorWalk.ts) cannot pick from a list: for every operation of every
 * action node, the values of the fields a user types, the dropdown choices that matter, the
 * fields to add to a collection, the list entries to search for, and the upstream node the
 * operation needs. Values come from the emulators' demo data (emulators.json, written by
 * test/emulators/serve.ts). The walk takes the operations from the node descriptions: an operation
 * without a row here fails the walk, and so does a row for an operation the node does not offer.
 *
 * Within a resource the walk runs the deleting operations (Delete…, Remove) last, and each one
 * deletes what an earlier operation of the walk created where the node can create it, so that
 * every operation finds its demo data.
 */

export interface OperationRow {
	/**
	 * Text typed into a resource locator's list search; the first entry that shows it is picked (by
	 * the locator's parameter name). A locator not named here gets the first entry of its list.
	 */
	pick?: Record<string, string>;
	/** Options chosen in dropdowns before anything else (parameter name → the option as shown). */
	choose?: Record<string, string>;
	/** Values typed into fields (parameter name → text). */
	type?: Record<string, string>;
	/** Fields added with a collection's Add button (collection name → field name → text). */
	add?: Record<string, Record<string, string>>;
	/** The operation needs an item with a file: Manual Trigger → Edit Fields → Convert to File. */
	input?: 'file';
	/** This operation's view (parameters and output) is the resource's screenshot. */
	screenshot?: true;
}

/** node type name (without the package) → resource value → operation value → row */
export type WalkTable = Record<string, Record<string, Record<string, OperationRow>>>;

/** The part of emulators.json the table reads. */
export interface WalkSeeds {
	aiChatbotHub: {
		seed: {
			sources: { supportHelpCenterLink: string; salesBrochureFailed: string };
			messages: string[];
		};
	};
	chatThing: { seed: { dataSource: string; rows: string[] } };
	sendKit: {
		seed: {
			documents: {
				upload: { fileKey: string; fileUrl: string; fileName: string };
				document: { fileKey: string };
			};
		};
	};
}

export function walkTable({ aiChatbotHub, chatThing, sendKit }: WalkSeeds): WalkTable {
	const hub = aiChatbotHub.seed;
	const { documents } = sendKit.seed;
	// Chat Thing's data sources have no name: the list shows (and searches) an ID's first 8
	// characters and the state.
	const seededDataSource = { dataSourceId: chatThing.seed.dataSource.slice(0, 8) };
	return {
		aiChatbotHub: {
			agent: {
				create: {
					pick: { chatbot: 'Support Bot' },
					type: { name: 'Walk Agent' },
				},
				getAll: { pick: { chatbot: 'Support Bot' } },
				update: {
					pick: { agent: 'Walk Agent' },
					add: { updateFields: { description: 'Created by the editor walk' } },
				},
				delete: { pick: { agent: 'Walk Agent' } },
			},
			chatbot: {
				create: { type: { name: 'Walk Bot' } },
				get: { pick: { chatbot: 'Support Bot' } },
				getAll: {},
				update: { pick: { chatbot: 'Walk Bot' }, add: { updateFields: { name: 'Walk Bot' } } },
				delete: { pick: { chatbot: 'Walk Bot' } },
			},
			dataSource: {
				createQa: {
					pick: { chatbot: 'Support Bot' },
					type: { question: 'Do you ship abroad?', answer: 'Yes, to 40 countries.' },
					screenshot: true,
				},
				createUrl: {
					pick: { chatbot: 'Support Bot' },
					type: { url: 'https://example.com/shipping' },
				},
				getAll: { pick: { chatbot: 'Support Bot' } },
				retrain: { type: { dataSourceIds: hub.sources.supportHelpCenterLink } },
				// Typed into the node, the Manual Trigger's one empty item is one entry to sync.
				sync: {
					pick: { chatbot: 'Support Bot' },
					type: { question: 'When do you open?', answer: 'At 9, Monday to Friday.' },
				},
				update: { pick: { dataSource: 'Help center' }, type: { title: 'Help center' } },
				upload: { pick: { chatbot: 'Support Bot' }, input: 'file' },
				delete: { pick: { dataSource: 'Do you ship abroad?' } },
				deleteMany: { type: { dataSourceIds: hub.sources.salesBrochureFailed } },
			},
			message: {
				getAll: {},
				send: { type: { query: 'How long do returns take?' }, screenshot: true },
				delete: { type: { messageId: hub.messages[0] } },
				deleteMany: { type: { messageIds: hub.messages[1] } },
			},
			session: {
				create: { pick: { chatbot: 'Support Bot' } },
				get: {},
				getAll: { pick: { chatbot: 'Support Bot' } },
				delete: {},
			},
			sourceTag: {
				create: { pick: { chatbot: 'Support Bot' }, type: { name: 'Walk Tag' } },
				getAll: { pick: { chatbot: 'Support Bot' } },
				update: { pick: { sourceTag: 'Walk Tag' }, add: { updateFields: { name: 'Walk Tag' } } },
				delete: { pick: { sourceTag: 'Walk Tag' } },
			},
		},
		chatThing: {
			conversation: { getAll: {}, start: {} },
			dataSource: {
				create: {},
				get: { pick: seededDataSource, screenshot: true },
				getAll: {},
				sync: { pick: seededDataSource },
				update: { pick: seededDataSource },
				// The one Create made: the seeded data source is synced.
				delete: { pick: { dataSourceId: 'not_synced' } },
			},
			dataSourceRow: {
				create: {
					pick: seededDataSource,
					type: { name: 'shipping.md', content: '# Shipping\nTo 40 countries within 5 days.' },
				},
				get: { pick: seededDataSource, type: { rowId: chatThing.seed.rows[0] } },
				getAll: { pick: seededDataSource, screenshot: true },
				sync: {
					pick: seededDataSource,
					type: { name: 'returns.md', content: '# Returns\nWithin 30 days.' },
				},
				update: {
					pick: seededDataSource,
					type: {
						rowId: chatThing.seed.rows[0],
						name: 'hours.md',
						content: '# Opening hours\nMonday to Saturday, 9 to 5.',
					},
				},
				delete: { pick: seededDataSource, type: { rowId: chatThing.seed.rows[1] } },
			},
			message: {
				getAll: {},
				send: {
					choose: { conversationMode: 'Continue a Conversation' },
					type: { message: 'How many planets are there?' },
					screenshot: true,
				},
			},
		},
		sendKit: {
			agent: {
				create: { type: { name: 'Walk Agent' } },
				generateReply: {
					pick: { agentId: 'Sales Agent' },
					type: { conversationId: 'conv_walk_0001', context: 'Answer in one sentence.' },
					screenshot: true,
				},
				get: { pick: { agentId: 'Sales Agent' } },
				getAll: {},
				retrain: { pick: { agentId: 'Sales Agent' } },
				update: {
					pick: { agentId: 'Walk Agent' },
					add: { updateFields: { name: 'Walk Agent' } },
				},
				delete: { pick: { agentId: 'Walk Agent' } },
			},
			document: {
				process: {
					pick: { agentId: 'Sales Agent' },
					type: { ...documents.upload },
					choose: { fileType: 'TXT' },
				},
				upload: { pick: { agentId: 'Sales Agent' }, input: 'file', screenshot: true },
				sync: { pick: { agentId: 'Sales Agent' }, input: 'file' },
				remove: { pick: { agentId: 'Sales Agent' }, type: { fileKey: documents.document.fileKey } },
			},
			webhook: {
				create: {
					type: {
						name: 'Walk Webhook',
						url: 'https://crm.example.com/webhooks/walk',
						otherEvents: 'email.replied',
					},
				},
				get: { pick: { webhookId: 'CRM Sync' } },
				getAll: { screenshot: true },
				// The demo webhook's CRM is not on this machine: the emulator answers delivered: false.
				sendTest: { pick: { webhookId: 'CRM Sync' } },
				update: {
					pick: { webhookId: 'Walk Webhook' },
					add: { updateFields: { name: 'Walk Webhook, renamed' } },
				},
			},
		},
		chatsby: {
			agent: { create: { type: { name: 'Walk Agent' } }, getAll: {} },
			conversation: {
				send: {
					pick: { agentId: 'Customer Support Bot' },
					type: { message: 'Do you ship abroad?' },
					screenshot: true,
				},
			},
			source: {
				add: {
					pick: { agentId: 'Customer Support Bot' },
					type: { url: 'https://example.com/shipping' },
				},
				get: { pick: { agentId: 'Customer Support Bot' } },
				getAll: { pick: { agentId: 'Customer Support Bot' }, screenshot: true },
				// The Sales Assistant's page: the Chatsby sync example (run before the walk) refreshes the
				// help page, and Chatsby refuses to refresh a source still in training.
				refresh: { pick: { agentId: 'Sales Assistant', sourceId: 'acme.com/pricing' } },
				sync: {
					pick: { agentId: 'Customer Support Bot' },
					type: { content: 'https://example.com/returns' },
				},
				delete: { pick: { agentId: 'Customer Support Bot', sourceId: 'example.com/shipping' } },
			},
		},
	};
}

/** What the trigger nodes' required locators pick (trigger type name → locator → search text). */
export const TRIGGER_PICKS: Record<string, Record<string, string>> = {
	aiChatbotHubTrigger: { chatbot: 'Support Bot' },
	sendKitTrigger: { agentId: 'Sales Agent' },
};
