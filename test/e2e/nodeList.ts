/*
 * The node list n8n serves to its editor: the package's nodes as n8n loaded them from the
 * installed tarball.
 */
import { PACKAGE, type RunningProfile } from './harness/profile';

export function nodeList(n8n: RunningProfile) {
	it('lists every node, the tool variant of each action node, and no trigger tool', async () => {
		const names = (await n8n.api.editorFile<Array<{ name: string }>>('/types/nodes.json'))
			.map((type) => type.name)
			.filter((name) => name.startsWith(`${PACKAGE}.`));
		const expected = [
			...['aiChatbotHub', 'chatThing', 'sendKit', 'chatsby'].flatMap((node) => [
				node,
				`${node}Tool`,
				`${node}Trigger`,
			]),
			'sendKitEventTrigger',
		];

		expect(expected.filter((name) => !names.includes(`${PACKAGE}.${name}`))).toEqual([]);
		expect(names.filter((name) => name.endsWith('TriggerTool'))).toEqual([]);
	});
}
