import { customerResource } from './customer/Customer.resource';
import type { ResourceDefinition } from './types';

/** Every resource the node offers. A new resource is one import and one entry here. */
export const RESOURCES: ResourceDefinition[] = [customerResource];
