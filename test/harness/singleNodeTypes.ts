import type { INodeType, INodeTypes } from 'n8n-workflow';

/** The node-type registry of a one-node workflow: every lookup answers `nodeType`. */
export function singleNodeTypes(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
}
