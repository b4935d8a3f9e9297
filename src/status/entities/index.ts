import { Incident, IncidentUpdate } from './incident.entity.js';
import { MaintenanceWindow } from './maintenance-window.entity.js';
import { ServerOutage } from './server-outage.entity.js';
import { StatusPage, StatusPageComponent, StatusPageGroup } from './status-page.entity.js';

export {
  Incident,
  IncidentUpdate,
  MaintenanceWindow,
  ServerOutage,
  StatusPage,
  StatusPageComponent,
  StatusPageGroup,
};

/** The status pages' entities, in the order ENTITIES lists them. */
export const STATUS_ENTITIES = [
  StatusPage,
  StatusPageGroup,
  StatusPageComponent,
  Incident,
  IncidentUpdate,
  MaintenanceWindow,
  ServerOutage,
];
