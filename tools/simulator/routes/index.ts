import type { Route } from '../routing';
import { batchArchiveRoute, batchLabelsArchiveRoute } from './batchArchive';
import { batchCreateRoute } from './batchCreate';
import { batchDefaultRoute } from './batchDefault';
import { batchReadRoute } from './batchRead';
import { createLabelRoute, deleteLabelRoute, readLabelsRoute, updateLabelRoute } from './labels';
import { authorizeRoute, tokenRoute } from './oauth';
import { objectsBatchReadRoute } from './objects';
import { propertiesRoute } from './properties';
import { schemasRoute } from './schemas';
import { objectsSearchRoute } from './search';

/** Every endpoint the simulator serves. */
export const routes: readonly Route[] = [
	batchCreateRoute,
	batchDefaultRoute,
	batchArchiveRoute,
	batchLabelsArchiveRoute,
	batchReadRoute,
	readLabelsRoute,
	createLabelRoute,
	updateLabelRoute,
	deleteLabelRoute,
	schemasRoute,
	objectsBatchReadRoute,
	objectsSearchRoute,
	propertiesRoute,
	tokenRoute,
	authorizeRoute,
];
