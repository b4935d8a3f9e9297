import { z } from 'zod';
import { parseWith, type ParseResult } from '../parse.js';
import {
  processSummarySchema,
  serviceLogLineSchema,
  serviceSummarySchema,
  type ProcessSummary,
  type ServiceLogLine,
  type ServiceSummary,
} from './requests.js';

/**
 * Agents disagree on whether a list response's `data` is the list itself or an object wrapping it
 * (`{"services":[…]}`). These schemas accept both and always output the bare list.
 */
export function wrappedListSchema<K extends string, T extends z.ZodType>(key: K, item: T) {
  const list = z.array(item);
  const wrapper = z.object({ [key]: list } as Record<K, typeof list>);
  return z.union([list, wrapper.transform((value) => (value as Record<K, z.output<T>[]>)[key])]);
}

/** `get-services` data: `[…]` or `{services:[…]}`. */
export const servicesDataSchema = wrappedListSchema('services', serviceSummarySchema);
/** `get-service-log` data: `[…]` or `{logs:[…]}`. */
export const serviceLogDataSchema = wrappedListSchema('logs', serviceLogLineSchema);
/** `get-processes` data: `[…]` or `{processes:[…]}`. */
export const processesDataSchema = wrappedListSchema('processes', processSummarySchema);

/** Canonical list shapes (what a new agent should send; exported to JSON Schema). */
export const serviceListSchema = z.array(serviceSummarySchema);
export const serviceLogListSchema = z.array(serviceLogLineSchema);
export const processListSchema = z.array(processSummarySchema);

export function unwrapServices(data: unknown): ParseResult<ServiceSummary[]> {
  return parseWith(servicesDataSchema, data, 'data');
}

export function unwrapServiceLog(data: unknown): ParseResult<ServiceLogLine[]> {
  return parseWith(serviceLogDataSchema, data, 'data');
}

export function unwrapProcesses(data: unknown): ParseResult<ProcessSummary[]> {
  return parseWith(processesDataSchema, data, 'data');
}
