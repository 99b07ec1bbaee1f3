/** tinyEmail's campaign statuses; DRAFT is where every campaign starts. */
export const CAMPAIGN_STATUSES = ['COMPLETED', 'DRAFT', 'FAILED', 'LAUNCHED', 'PAUSED', 'SCHEDULED'];

/** Statuses a campaign never leaves: the trigger need not watch such campaigns further down the list. */
export const TERMINAL_CAMPAIGN_STATUSES: readonly string[] = ['COMPLETED', 'FAILED'];

/** Statuses after which tinyEmail refuses changes to a campaign: the terminal ones and LAUNCHED (sending has begun). */
export const UNCHANGEABLE_CAMPAIGN_STATUSES: readonly string[] = ['COMPLETED', 'FAILED', 'LAUNCHED'];
