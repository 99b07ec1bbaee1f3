// The sandbox's data: customers, audiences, campaigns, senders and OAuth grants, in memory.
// Every mutation is synchronous, so concurrent requests can never interleave inside one write;
// with a dataFile each mutation schedules a save of the whole state (see persistence.ts).
import { randomUUID } from 'node:crypto';
import type { Customer } from './types';
import { JsonFilePersistence } from './persistence';

export interface StoredAudience {
	id: string;
	name: string;
	/** Lower-cased customer keys, in the order they were assigned. */
	members: string[];
}

export type StoredCampaign = Record<string, unknown> & { id: string; status: string };
export type StoredSender = Record<string, unknown> & { id: string };

export interface StoredAccessToken {
	clientId: string;
	scope: string[];
	expiresAt: number;
	/** The grant it descends from (one authorization, and every token refreshed from it). */
	family?: string;
}

export interface StoredRefreshToken {
	clientId: string;
	scope: string[];
	family?: string;
}

export interface StoreData {
	customers: Record<string, Customer>;
	audiences: StoredAudience[];
	/** In creation order, oldest first (GET /campaign lists them newest first). */
	campaigns: StoredCampaign[];
	senders: StoredSender[];
	accessTokens: Record<string, StoredAccessToken>;
	refreshTokens: Record<string, StoredRefreshToken>;
	/** Refresh tokens exchanged under rotation, with their family: presenting one again is reuse. */
	spentRefreshTokens: Record<string, string>;
}

export const DEMO_SENDERS: ReadonlyArray<StoredSender> = [
	{ id: 'sender-demo-1', name: 'Demo Shop', email: 'hello@demo-shop.example', emailConfirmed: true, dkimSigned: true, defaults: true },
	{
		id: 'sender-demo-2',
		name: 'Demo Shop Support',
		email: 'support@demo-shop.example',
		emailConfirmed: true,
		dkimSigned: false,
		defaults: false,
	},
];

export const customerKey = (email: string): string => email.trim().toLowerCase();

function emptyData(): StoreData {
	return {
		customers: {},
		audiences: [],
		campaigns: [],
		senders: DEMO_SENDERS.map((sender) => ({ ...sender })),
		accessTokens: {},
		refreshTokens: {},
		spentRefreshTokens: {},
	};
}

export class Store {
	data: StoreData = emptyData();
	private readonly persistence?: JsonFilePersistence<StoreData>;

	constructor(dataFile?: string) {
		if (dataFile) {
			this.persistence = new JsonFilePersistence<StoreData>(dataFile);
			const loaded = this.persistence.load();
			if (loaded) this.data = { ...emptyData(), ...loaded };
		}
	}

	/** Call after every mutation: with a dataFile, the new state is saved (serialized, atomic). */
	changed(): void {
		this.persistence?.save(() => this.data);
	}

	/** Resolves once every scheduled save has reached the disk. */
	async flush(): Promise<void> {
		await this.persistence?.flush();
	}

	reset(): void {
		// OAuth grants survive a reset: a connected n8n credential should keep working.
		const { accessTokens, refreshTokens, spentRefreshTokens } = this.data;
		this.data = { ...emptyData(), accessTokens, refreshTokens, spentRefreshTokens };
		this.changed();
	}

	/** Revokes every access and refresh token of a family (refresh-token reuse detection). */
	revokeTokenFamily(family: string): void {
		for (const [token, stored] of Object.entries(this.data.accessTokens))
			if (stored.family === family) delete this.data.accessTokens[token];
		for (const [token, stored] of Object.entries(this.data.refreshTokens))
			if (stored.family === family) delete this.data.refreshTokens[token];
		this.changed();
	}

	getCustomer(email: string): Customer | undefined {
		return this.data.customers[customerKey(email)];
	}

	putCustomer(customer: Customer): void {
		this.data.customers[customerKey(customer.email)] = customer;
	}

	findAudience(id: string): StoredAudience | undefined {
		return this.data.audiences.find((audience) => audience.id === id);
	}

	addAudience(name: string, members: string[], id: string = randomUUID()): StoredAudience {
		const audience: StoredAudience = { id, name, members: [...new Set(members.map(customerKey))] };
		this.data.audiences = this.data.audiences.filter((existing) => existing.id !== id);
		this.data.audiences.push(audience);
		return audience;
	}

	/** Adds a campaign as the newest one, or replaces the one with its ID where it stands (its creation order). */
	putCampaign(campaign: StoredCampaign): void {
		const index = this.data.campaigns.findIndex((existing) => existing.id === campaign.id);
		if (index >= 0) this.data.campaigns[index] = campaign;
		else this.data.campaigns.push(campaign);
	}

	findCampaign(id: string): StoredCampaign | undefined {
		return this.data.campaigns.find((campaign) => campaign.id === id);
	}

	findSender(id: string): StoredSender | undefined {
		return this.data.senders.find((sender) => String(sender.id) === id);
	}
}
