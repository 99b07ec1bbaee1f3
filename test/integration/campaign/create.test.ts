// Campaign > Create.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { startFaultProxy } from '../resilience/helpers';

const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;
const rl = (mode: 'list' | 'id', value: string) => ({ __rl: true, mode, value });
const getCampaign = async (id: string) =>
	(
		await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'get', campaign: rl('id', id), simplify: false },
			credentials: apiKey(),
		})
	).output![0].json;

const createParameters = {
	authentication: 'apiKey',
	resource: 'campaign',
	operation: 'create',
	name: 'Spring sale',
	subject: 'Spring is here',
	sender: rl('list', 'sender-demo-1'),
	html: '<h1>Hello</h1>',
};

describe('Campaign > Create', () => {
	test('a draft with audiences and preview text', async () => {
		const vip = sandbox.control.seedAudience({ name: 'VIP' });
		const news = sandbox.control.seedAudience({ name: 'News' });
		const result = await runNode({
			parameters: {
				...createParameters,
				audiences: { audience: [{ audience: rl('list', vip) }, { audience: rl('id', news) }] },
				additionalFields: { previewText: 'Twenty percent off' },
			},
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		const out = result.output![0].json;
		expect(out).toMatchObject({ status: 'DRAFT', name: 'Spring sale', senderId: 'sender-demo-1', audienceIds: [vip, news] });
		const stored = await getCampaign(out.id as string);
		expect(stored).toMatchObject({
			status: 'DRAFT',
			campaign: { name: 'Spring sale', subject: 'Spring is here', previewText: 'Twenty percent off' },
			template: { html: '<h1>Hello</h1>' },
			contactIds: [vip, news],
		});
	});

	test('One-Off: the date picker value is read in the workflow time zone and sent as UTC', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'oneOff', sendAt: '2030-07-01T09:30:00' },
			credentials: apiKey(),
			timezone: 'Europe/Berlin',
		});
		expect(result.error).toBeUndefined();
		// Berlin is UTC+2 in July
		expect(result.output![0].json).toMatchObject({ status: 'SCHEDULED', schedule: { dateTime: '2030-07-01T07:30:00Z' } });
	});

	test('Recurring: days in week order and HH:mm as HH:mm:ss', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'recurring', days: ['SUNDAY', 'MONDAY', 'FRIDAY'], time: '7:05' },
			credentials: apiKey(),
			timezone: 'UTC',
		});
		expect(result.error).toBeUndefined();
		const stored = await getCampaign(result.output![0].json.id as string);
		expect(stored.schedule).toEqual({ days: ['MONDAY', 'FRIDAY', 'SUNDAY'], time: '07:05:00' });
	});

	test('Recurring: the Time is read in the workflow time zone and sent as UTC, the days moving with it across midnight', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'recurring', days: ['SUNDAY', 'MONDAY', 'FRIDAY'], time: '7:05' },
			credentials: apiKey(),
			// UTC+9 all year: 07:05 in Tokyo is 22:05 UTC the day before
			timezone: 'Asia/Tokyo',
		});
		expect(result.error).toBeUndefined();
		const stored = await getCampaign(result.output![0].json.id as string);
		expect(stored.schedule).toEqual({ days: ['THURSDAY', 'SATURDAY', 'SUNDAY'], time: '22:05:00' });
		expect(result.output![0].json.schedule).toEqual(stored.schedule);
	});

	test('bad input names the item and the field; nothing is sent', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'recurring', days: ['MONDAY'], time: '25:00' },
			items: [{}],
			credentials: apiKey(),
		});
		expect(result.error?.message).toBe('The Time in item 0 is not a time of day');
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});

	test('OAuth2 gets the API-key-needed error, per item with continueOnFail', async () => {
		const result = await runNode({
			parameters: { ...createParameters, authentication: 'oAuth2' },
			items: [{}, {}],
			credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output![1].json.error).toMatch(/^The Campaign resource: This operation needs the tinyEmail API credential/);
	});

	test('an answer without an ID fails the item clearly instead of outputting id: undefined', async () => {
		// tinyEmail (here a proxy in front of the sandbox) answers the POST 200 without the new campaign's ID
		const proxy = await startFaultProxy(sandbox.url, (request) =>
			request.method === 'POST' && request.path === '/v1/campaign' ? { status: 200, body: { status: 'DRAFT' } } : undefined,
		);
		try {
			const credentials = apiKey();
			credentials.tinyEmailApi.baseUrl = proxy.url;
			const failed = await runNode({ parameters: createParameters, items: [{}], credentials });
			expect(failed.output).toBeUndefined();
			expect(failed.error?.message).toBe('tinyEmail did not return the ID of the new campaign "Spring sale" (item 0)');
			expect(failed.error?.description).toMatch(/may have been created; check the campaigns in tinyEmail/);
			const withContinueOnFail = await runNode({ parameters: createParameters, items: [{}, {}], credentials, continueOnFail: true });
			expect(withContinueOnFail.output!.map((item) => [item.json.error, item.pairedItem])).toEqual([
				['tinyEmail did not return the ID of the new campaign "Spring sale" (item 0)', { item: 0 }],
				['tinyEmail did not return the ID of the new campaign "Spring sale" (item 1)', { item: 1 }],
			]);
			for (const item of withContinueOnFail.output!) expect(item.json).not.toHaveProperty('id');
		} finally {
			await proxy.stop();
		}
	});
});
