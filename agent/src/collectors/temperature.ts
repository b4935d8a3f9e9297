import { readdirSync } from 'node:fs';
import { round } from './units.js';

export interface TemperatureSensor {
  path: string;
  /** Lower is preferred; only the best rank present on the host is read. */
  rank: number;
}

/** hwmon drivers that report the CPU package / die temperature. */
const CPU_HWMON_DRIVERS = new Set(['coretemp', 'k10temp', 'zenpower']);

/** Thermal zone types in order of preference (x86 package sensor, ARM SoC CPU sensors, ACPI). */
const ZONE_RANKS = new Map<string, number>([
  ['x86_pkg_temp', 1],
  ['cpu-thermal', 2],
  ['cpu_thermal', 2],
  ['cpu0-thermal', 2],
  ['soc_thermal', 2],
  ['acpitz', 3],
]);

export interface HwmonInput {
  input: string;
  label: string | undefined;
}

/**
 * Which temp*_input files of a CPU hwmon device to read: coretemp's "Package id N" sensors (not the
 * per-core ones), k10temp/zenpower's "Tdie" (die temperature), else "Tctl" (offset on some Ryzens);
 * every input when none is labelled.
 */
export function pickHwmonInputs(driver: string, inputs: readonly HwmonInput[]): string[] {
  const withLabel = (test: (label: string) => boolean): string[] =>
    inputs.filter((entry) => entry.label !== undefined && test(entry.label)).map((entry) => entry.input);
  if (driver === 'coretemp') {
    const packages = withLabel((label) => label.startsWith('Package id'));
    if (packages.length > 0) return packages;
  } else {
    const tdie = withLabel((label) => label === 'Tdie');
    if (tdie.length > 0) return tdie;
    const tctl = withLabel((label) => label === 'Tctl');
    if (tctl.length > 0) return tctl;
  }
  return inputs.map((entry) => entry.input);
}

/** The sensors of the best rank present (several sockets → several package sensors). */
export function chooseSensors(candidates: readonly TemperatureSensor[]): string[] {
  let best = Number.POSITIVE_INFINITY;
  for (const sensor of candidates) best = Math.min(best, sensor.rank);
  return candidates.filter((sensor) => sensor.rank === best).map((sensor) => sensor.path);
}

/** sysfs temperatures are millidegrees Celsius; implausible values (failed reads) are dropped. */
export function parseMilliCelsius(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const celsius = Number.parseInt(text, 10) / 1000;
  return Number.isFinite(celsius) && celsius > -50 && celsius < 150 ? celsius : undefined;
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/**
 * Finds the CPU temperature files once at start (directory walks are the expensive part); each
 * collection then only reads the chosen files. hwmon CPU drivers rank first: they read a register,
 * where acpitz may run an ACPI method taking milliseconds.
 */
export function discoverTemperatureSensors(
  sysRoot: string,
  readText: (path: string) => string | undefined,
): string[] {
  const candidates: TemperatureSensor[] = [];
  const hwmonRoot = `${sysRoot}/class/hwmon`;
  for (const hwmon of listDir(hwmonRoot)) {
    const base = `${hwmonRoot}/${hwmon}`;
    const driver = readText(`${base}/name`)?.trim() ?? '';
    if (!CPU_HWMON_DRIVERS.has(driver)) continue;
    const inputs = listDir(base)
      .filter((file) => /^temp\d+_input$/.test(file))
      .sort()
      .map((file) => ({
        input: `${base}/${file}`,
        label: readText(`${base}/${file.replace('_input', '_label')}`)?.trim(),
      }));
    for (const input of pickHwmonInputs(driver, inputs)) candidates.push({ path: input, rank: 0 });
  }
  const thermalRoot = `${sysRoot}/class/thermal`;
  for (const zone of listDir(thermalRoot)) {
    if (!zone.startsWith('thermal_zone')) continue;
    const rank = ZONE_RANKS.get(readText(`${thermalRoot}/${zone}/type`)?.trim() ?? '');
    if (rank !== undefined) candidates.push({ path: `${thermalRoot}/${zone}/temp`, rank });
  }
  return chooseSensors(candidates);
}

/** Hottest of the chosen sensors, °C with one decimal; undefined when none can be read. */
export function readCpuTemperature(
  sensors: readonly string[],
  readText: (path: string) => string | undefined,
): number | undefined {
  let hottest: number | undefined;
  for (const path of sensors) {
    const celsius = parseMilliCelsius(readText(path));
    if (celsius !== undefined && (hottest === undefined || celsius > hottest)) hottest = celsius;
  }
  return hottest === undefined ? undefined : round(hottest, 1);
}
