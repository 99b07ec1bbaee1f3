// Decoder for the "flatted" serialisation n8n's REST API uses for execution data
// (GET /rest/executions/:id answers `data` as a string in that format).
// Format: a JSON array; element 0 is the root; inside objects and arrays every string value is the
// decimal index of another element (a string, or a nested object/array shared by reference).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as Json[];
	if (!Array.isArray(table) || table.length === 0) return undefined;
	const resolved = new Map<number, unknown>();

	const resolve = (index: number): unknown => {
		if (resolved.has(index)) return resolved.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') {
			resolved.set(index, entry);
			return entry;
		}
		const out: unknown[] | Record<string, unknown> = Array.isArray(entry) ? [] : {};
		resolved.set(index, out); // before descending, so cycles close on themselves
		for (const [key, value] of Object.entries(entry)) {
			const decoded = typeof value === 'string' ? resolve(Number(value)) : value;
			if (Array.isArray(out)) out[Number(key)] = decoded;
			else out[key] = decoded;
		}
		return out;
	};
	return resolve(0);
}
