import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isProblem, type Problem } from '../../helpers/validation';

/** Campaign schedules: the Schedule parameters of an item → tinyEmail's schedule body, and the pure conversions behind it. */

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

const SEND_AT_FIX = 'Use a date and time such as 2025-06-01T09:30:00 (read in the workflow time zone) or an ISO date-time with offset.';

/**
 * A date-time as tinyEmail wants it: UTC ISO 8601 (`2025-06-01T07:30:00Z`). Text without an offset
 * (what the date picker gives) is wall-clock time in `timeZone` (the workflow's); text with `Z` or an
 * offset, a Date, or a Luxon DateTime (`{{ $now.plus(1, 'day') }}`) is an instant already.
 */
export function toUtcIso(raw: unknown, timeZone: string): { value: string } | Problem {
	let ms: number | undefined;
	if (raw instanceof Date) {
		ms = raw.getTime();
	} else if (raw && typeof raw === 'object' && typeof (raw as { toMillis?: unknown }).toMillis === 'function') {
		ms = (raw as { toMillis: () => number }).toMillis();
	} else if (typeof raw === 'string' && raw.trim() !== '') {
		const text = raw.trim();
		const wall = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
		if (wall) {
			const [, y, mo, d, h = '0', mi = '0', s = '0'] = wall;
			const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
			const check = new Date(wallMs);
			if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) {
				return { problem: 'is not a valid date and time', fix: SEND_AT_FIX };
			}
			try {
				ms = wallTimeToUtc(wallMs, timeZone);
			} catch {
				return { problem: `cannot be read in the time zone "${timeZone}"`, fix: 'Check the workflow time zone in the workflow settings.' };
			}
		} else if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
			ms = Date.parse(text);
		}
	}
	if (ms === undefined || !Number.isFinite(ms)) return { problem: 'is not a valid date and time', fix: SEND_AT_FIX };
	return { value: new Date(ms).toISOString().replace(/\.000Z$/, 'Z') };
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (positive east of Greenwich). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant at which clocks in `timeZone` show the wall time `wallMs` (given as if it were UTC). */
export function wallTimeToUtc(wallMs: number, timeZone: string): number {
	const guess = wallMs - zoneOffsetMs(wallMs, timeZone);
	return wallMs - zoneOffsetMs(guess, timeZone);
}

/** HH:mm (or H:mm, HH:mm:ss) → HH:mm:ss. */
export function toTime(raw: unknown): { value: string } | Problem {
	const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(String(raw ?? '').trim());
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) {
		return { problem: 'is not a time of day', fix: 'Use 24-hour HH:mm, e.g. 09:30 or 18:00.' };
	}
	return { value: `${match[1].padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}` };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A weekly schedule read in `timeZone` (the workflow's) as tinyEmail wants it: `time` in UTC, so the
 * days are UTC days too. The zone's UTC offset of today (at `nowMs`) is used; a conversion that crosses
 * midnight moves every day with it (09:00 Monday in Tokyo is 00:00 Monday UTC, 08:00 is 23:00 Sunday).
 * tinyEmail keeps the UTC time, so after a daylight-saving change the local send time moves by an hour.
 */
export function toUtcWeekly(
	days: string[],
	time: string,
	timeZone: string,
	nowMs: number,
): { value: { days: string[]; time: string } } | Problem {
	const [hours, minutes, seconds] = time.split(':').map(Number);
	const timeOfDayMs = ((hours * 60 + minutes) * 60 + seconds) * 1000;
	let offsetMs: number;
	try {
		const todayWallMs = Math.floor((nowMs + zoneOffsetMs(nowMs, timeZone)) / DAY_MS) * DAY_MS;
		const wallMs = todayWallMs + timeOfDayMs;
		offsetMs = wallMs - wallTimeToUtc(wallMs, timeZone);
	} catch {
		return { problem: `cannot be read in the time zone "${timeZone}"`, fix: 'Check the workflow time zone in the workflow settings.' };
	}
	const utcMs = timeOfDayMs - offsetMs;
	const dayShift = Math.floor(utcMs / DAY_MS);
	const utcTimeMs = utcMs - dayShift * DAY_MS;
	const shifted = new Set(days.map((day) => WEEKDAYS[(WEEKDAYS.indexOf(day as Weekday) + dayShift + 7) % 7]));
	const clock = new Date(utcTimeMs).toISOString().slice(11, 19);
	return { value: { days: WEEKDAYS.filter((day) => shifted.has(day)), time: clock } };
}

type Weekday = (typeof WEEKDAYS)[number];

/** Weekdays in week order, upper case, without repeats. Accepts names in any case, or a comma-separated text. */
export function toDays(raw: unknown): { value: string[] } | Problem {
	const list = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
	const wanted = new Set<string>();
	for (const entry of list) {
		const day = String(entry).trim().toUpperCase();
		if (day === '') continue;
		if (!(WEEKDAYS as readonly string[]).includes(day)) {
			return { problem: `contains "${String(entry)}", which is not a weekday`, fix: 'Pick days from Monday to Sunday.' };
		}
		wanted.add(day);
	}
	if (wanted.size === 0) return { problem: 'is empty', fix: 'Pick at least one day for a recurring schedule.' };
	return { value: WEEKDAYS.filter((day) => wanted.has(day)) };
}

function inputError(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string, fix: string) {
	return new NodeOperationError(ctx.getNode(), `The ${field} in item ${itemIndex} ${problem}`, { itemIndex, description: fix });
}

/** The schedule body for one item, undefined for none / keep current. */
export function readSchedule(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: 'schedule' | 'newSchedule',
): IDataObject | undefined | NodeOperationError {
	const kind = ctx.getNodeParameter(parameter, itemIndex) as string;
	if (kind === 'oneOff') {
		const sendAt = toUtcIso(ctx.getNodeParameter('sendAt', itemIndex, '') as unknown, ctx.getTimezone());
		if (isProblem(sendAt)) return inputError(ctx, itemIndex, 'Send At', sendAt.problem, sendAt.fix);
		return { dateTime: sendAt.value };
	}
	if (kind === 'recurring') {
		const days = toDays(ctx.getNodeParameter('days', itemIndex, []) as unknown);
		if (isProblem(days)) return inputError(ctx, itemIndex, 'Days', days.problem, days.fix);
		const time = toTime(ctx.getNodeParameter('time', itemIndex, '') as unknown);
		if (isProblem(time)) return inputError(ctx, itemIndex, 'Time', time.problem, time.fix);
		const weekly = toUtcWeekly(days.value, time.value, ctx.getTimezone(), Date.now());
		if (isProblem(weekly)) return inputError(ctx, itemIndex, 'Time', weekly.problem, weekly.fix);
		return weekly.value;
	}
	return undefined;
}
