import {
	CUSTOMER_FIELDS,
	customerFieldOptions,
	customerFieldsFromInput,
	isFieldProblem,
} from '../../nodes/TinyEmail/helpers/customerFields';

const CONTRACT_FIELDS = [
	'firstName',
	'lastName',
	'source',
	'status',
	'birthday',
	'tags',
	'currency',
	'country',
	'province',
	'city',
	'address1',
	'address2',
	'phone',
	'postalCode',
	'company',
	'lastPurchaseOrder',
	'lastPurchasePrice',
	'latestOrderId',
	'lastPurchaseDate',
];

describe('customer fields', () => {
	test('every writable field of the API contract is declared once and offered as a parameter', () => {
		expect(CUSTOMER_FIELDS.map((field) => field.name).sort()).toEqual([...CONTRACT_FIELDS].sort());
		expect(
			customerFieldOptions()
				.map((option) => option.name)
				.sort(),
		).toEqual([...CONTRACT_FIELDS].sort());
	});

	test('dates use the dateTime input, status its five options', () => {
		const options = Object.fromEntries(customerFieldOptions().map((option) => [option.name, option]));
		expect(options.birthday.type).toBe('dateTime');
		expect(options.lastPurchaseDate.type).toBe('dateTime');
		expect(options.status.options?.map((option) => (option as { value: string }).value)).toEqual([
			'Bounced',
			'Inactive',
			'Spam',
			'Subscribed',
			'Unsubscribed',
		]);
		expect(options.address1.displayName).toBe('Address Line 1');
		expect(options.address2.displayName).toBe('Address Line 2');
	});

	test('never sends a field the user did not set (empty text, blank, empty list, null)', () => {
		const result = customerFieldsFromInput({ firstName: '', lastName: '   ', tags: [], city: null, company: undefined, phone: '+1 555' });
		expect(result).toEqual({ fields: { phone: '+1 555' } });
	});

	test('Empty Values "clear": an empty value clears its field ("" for text and dates, [] for tags), an empty status and a missing key are not sent', () => {
		const result = customerFieldsFromInput(
			{ firstName: '', lastName: '   ', tags: ' , ', city: null, company: undefined, birthday: '', status: '', phone: '+1 555' },
			'clear',
		);
		expect(result).toEqual({ fields: { firstName: '', lastName: '', tags: [], city: '', company: '', birthday: '', phone: '+1 555' } });
		expect(customerFieldsFromInput({ birthday: 'soon' }, 'clear')).toMatchObject({ problem: 'is not a valid date' });
	});

	test('normalises each kind of field', () => {
		const result = customerFieldsFromInput({
			firstName: '  Ann ',
			status: 'unsubscribed',
			birthday: '1990-05-04T00:00:00.000+02:00',
			lastPurchaseDate: '2024-01-31',
			tags: ['a', ' b ', 'a', ''],
			lastPurchasePrice: 3500,
			currency: 'eur',
			unknownKey: 'ignored',
		});
		expect(result).toEqual({
			fields: {
				firstName: 'Ann',
				status: 'Unsubscribed',
				birthday: '1990-05-04',
				lastPurchaseDate: '2024-01-31',
				tags: ['a', 'b'],
				lastPurchasePrice: '3500',
				currency: 'EUR',
			},
		});
	});

	test('tags also come as a comma-separated string; only commas gives nothing to send', () => {
		expect(customerFieldsFromInput({ tags: 'vip, newsletter' })).toEqual({ fields: { tags: ['vip', 'newsletter'] } });
		expect(customerFieldsFromInput({ tags: ' , ,' })).toEqual({ fields: {} });
	});

	test('a price as a string is kept as written', () => {
		expect(customerFieldsFromInput({ lastPurchasePrice: '35.00' })).toEqual({ fields: { lastPurchasePrice: '35.00' } });
	});

	test('an invalid value names the field and says how to fix it', () => {
		const result = customerFieldsFromInput({ lastPurchasePrice: '$35' });
		expect(isFieldProblem(result)).toBe(true);
		if (!isFieldProblem(result)) return;
		expect(result.field.displayName).toBe('Last Purchase Price');
		expect(result.problem).toBe('is not a number');
		expect(result.fix).toMatch(/35\.00/);
	});
});
