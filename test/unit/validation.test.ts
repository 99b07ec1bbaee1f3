import { DateTime } from 'luxon';

import {
	checkDate,
	checkEmail,
	checkPrice,
	checkStatus,
	checkTags,
	isProblem,
	type Checked,
} from '../../nodes/TinyEmail/helpers/validation';

const value = <T>(checked: Checked<T>) => (isProblem(checked) ? undefined : (checked as { value: T }).value);

describe('validation', () => {
	test.each([
		['name@example.com', 'name@example.com'],
		['  first.last+tag@sub.example.co.uk ', 'first.last+tag@sub.example.co.uk'],
	])('accepts the email %j', (raw, expected) => {
		expect(value(checkEmail(raw))).toBe(expected);
	});

	test.each(['', 'plain', 'a@b', 'a b@example.com', '@example.com', 'a@example.', 42, undefined])('rejects the email %j', (raw) => {
		expect(isProblem(checkEmail(raw))).toBe(true);
	});

	test('status is matched case-insensitively to tinyEmail spelling', () => {
		expect(value(checkStatus('SPAM'))).toBe('Spam');
		expect(isProblem(checkStatus('Active'))).toBe(true);
	});

	test.each([
		['1990-05-04', '1990-05-04'],
		['1990-05-04T23:59:00', '1990-05-04'],
		['1990-05-04T23:59:00Z', '1990-05-04'],
		['1990-05-04T00:30:00.000-05:00', '1990-05-04'],
		['2024-02-29', '2024-02-29'],
	])('accepts the date %j as %s', (raw, expected) => {
		expect(value(checkDate(raw))).toBe(expected);
	});

	test('accepts Luxon DateTime objects (what {{ $now }} gives) and Date objects', () => {
		expect(value(checkDate(DateTime.fromISO('2023-07-01T10:00:00', { zone: 'Europe/Paris' })))).toBe('2023-07-01');
		expect(value(checkDate(new Date(Date.UTC(2022, 0, 15))))).toBe('2022-01-15');
	});

	test.each(['2023-02-29', '1990-13-01', '04/05/1990', 'yesterday', '1990-5-4', '', 'NaN'])('rejects the date %j', (raw) => {
		expect(isProblem(checkDate(raw))).toBe(true);
	});

	test('rejects an invalid Date object', () => {
		expect(isProblem(checkDate(new Date('nope')))).toBe(true);
	});

	test('tags: lists and comma strings, trimmed, without repeats; objects are refused', () => {
		expect(value(checkTags(['x', 'y', 'x']))).toEqual(['x', 'y']);
		expect(value(checkTags('x,, y '))).toEqual(['x', 'y']);
		expect(isProblem(checkTags([{ a: 1 }]))).toBe(true);
	});

	test('prices: numbers become strings, numeric strings stay as written', () => {
		expect(value(checkPrice(35.5))).toBe('35.5');
		expect(value(checkPrice(' 12 '))).toBe('12');
		expect(isProblem(checkPrice('12,50'))).toBe(true);
		expect(isProblem(checkPrice(Number.NaN))).toBe(true);
	});
});
