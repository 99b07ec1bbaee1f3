// Senders: GET /sender-details (the response key really is "senderDetailses").
import { json } from '../http';
import type { ApiRoute } from './route';

export const senderRoutes: ApiRoute[] = [
	{
		method: 'GET',
		pattern: /^\/sender-details$/,
		customerScope: false,
		handle: ({ state }) => json(200, { senderDetailses: state.store.data.senders }),
	},
];
