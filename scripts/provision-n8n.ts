// `npm run provision:n8n [-- 2.41.1|1.123.81|2|1 ...]`: install the real n8n versions the e2e suite and
// `npm run dev` use (default: all supported versions). Idempotent: a complete install is reused, a finished
// download is only built again.
import { log, stopAll } from './lib/proc';
import { CACHE_ROOT, TARGETS } from './lib/provisioning/targets';
import { checkPrerequisites, provisionN8n, targetFor } from './lib/provisioning/provision';

async function main(): Promise<void> {
	const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
	const targets = args.length ? args.map(targetFor) : TARGETS;
	log(`Provisioning n8n ${targets.map((t) => t.n8nVersion).join(' and ')} into ${CACHE_ROOT}`);
	// All targets at once: the disk must hold every install, not just the first.
	checkPrerequisites(targets);
	for (const target of targets) {
		const install = await provisionN8n(target);
		log(`n8n ${install.n8nVersion} on Node ${install.nodeVersion}: ${install.nodeBin} ${install.n8nBin}`);
	}
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => {
		log(`${sig}: stopping (next time the interrupted step is redone; a finished download is kept)`);
		void stopAll().then(() => process.exit(130));
	});
}

main().catch((err: unknown) => {
	log(`Provisioning failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
});
