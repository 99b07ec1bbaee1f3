// The campaign watermark against an in-memory campaign list: what counts as new, and how far it reads.
import type { IDataObject } from 'n8n-workflow';

import { CAMPAIGN_PAGE_SIZE, pollCampaigns, type ReadCampaignPage } from '../../nodes/TinyEmail/trigger/campaignWatermark';

function list(campaigns: IDataObject[]): { read: ReadCampaignPage; pages: number[] } {
	const pages: number[] = [];
	const read: ReadCampaignPage = async (page, size) => {
		pages.push(page);
		const items = campaigns.slice(page * size, page * size + size);
		return { items, last: page * size + size >= campaigns.length };
	};
	return { read, pages };
}

const campaigns = (ids: string[], status = 'COMPLETED') => ids.map((id) => ({ id, status }));
const newIds = (result: Awaited<ReturnType<typeof pollCampaigns>>) =>
	result.campaigns.filter((seen) => seen.isNew).map((seen) => seen.campaign.id);

describe('campaign watermark', () => {
	test('newest first (the contract): campaigns above the first known one are new; older ones coming into view are not', async () => {
		const ids = Array.from({ length: 150 }, (_, index) => `c${index}`).reverse();
		const baseline = await pollCampaigns(list(campaigns(ids)).read, undefined, false);
		expect(baseline.watermark.complete).toBe(false);
		expect(baseline.watermark.campaigns).toHaveLength(CAMPAIGN_PAGE_SIZE);
		// two new at the top; one known deleted, so an older one moves onto the first page
		const now = ['n2', 'n1', ...ids.filter((id) => id !== 'c120')];
		const result = await pollCampaigns(list(campaigns(now)).read, baseline.watermark, false);
		expect(newIds(result)).toEqual(['n1', 'n2']);
	});

	test('a list read to its end last time: any campaign not remembered is new, wherever tinyEmail lists it', async () => {
		const oldestFirst = ['a', 'b', 'c'];
		const baseline = await pollCampaigns(list(campaigns(oldestFirst)).read, undefined, false);
		expect(baseline.watermark.complete).toBe(true);
		const result = await pollCampaigns(list(campaigns([...oldestFirst, 'd'])).read, baseline.watermark, false);
		expect(newIds(result)).toEqual(['d']);
	});

	test('none of the remembered campaigns found within 3 pages: all read are reported (a duplicate rather than a miss)', async () => {
		const baseline = await pollCampaigns(list(campaigns(['x', 'y'])).read, undefined, false);
		const flood = Array.from({ length: 350 }, (_, index) => `n${349 - index}`);
		const { read, pages } = list(campaigns([...flood, 'x', 'y']));
		const result = await pollCampaigns(read, baseline.watermark, false);
		expect(pages).toEqual([0, 1, 2]);
		expect(newIds(result)).toHaveLength(300);
		expect(newIds(result)[0]).toBe('n50');
	});

	test('very long campaign IDs are remembered hashed, so the state stays bounded', async () => {
		const long = 'x'.repeat(5000);
		const baseline = await pollCampaigns(list(campaigns([long])).read, undefined, false);
		expect(JSON.stringify(baseline.watermark).length).toBeLessThan(100);
		const again = await pollCampaigns(list(campaigns([long])).read, baseline.watermark, false);
		expect(newIds(again)).toEqual([]);
	});
});
