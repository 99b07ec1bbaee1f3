import { audienceResource } from './audience/Audience.resource';
import { campaignResource } from './campaign/Campaign.resource';
import { customerResource } from './customer/Customer.resource';
import { senderResource } from './sender/Sender.resource';
import type { ResourceDefinition } from './types';

/** Every resource the node offers. A new resource is one import and one entry here. */
export const RESOURCES: ResourceDefinition[] = [customerResource, audienceResource, campaignResource, senderResource];
