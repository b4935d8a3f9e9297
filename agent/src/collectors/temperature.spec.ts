import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures.spec-helper.js';
import {
  chooseSensors,
  discoverTemperatureSensors,
  parseMilliCelsius,
  pickHwmonInputs,
  readCpuTemperature,
} from './temperature.js';

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
};
const sensorsOf = (host: string): string[] =>
  discoverTemperatureSensors(fixturePath(host, 'sys'), read).map((path) =>
    path.slice(fixturePath(host, 'sys').length),
  );

describe('temperature sources', () => {
  it('finds nothing on this VM (no thermal zone, no hwmon): the field is omitted', () => {
    expect(sensorsOf('vm-host')).toEqual([]);
    expect(readCpuTemperature([], read)).toBeUndefined();
  });

  it('prefers coretemp package sensors over per-core ones and thermal zones; hottest socket wins', () => {
    expect(sensorsOf('sensors-intel')).toEqual([
      '/class/hwmon/hwmon2/temp1_input',
      '/class/hwmon/hwmon3/temp1_input',
    ]);
    const sensors = discoverTemperatureSensors(fixturePath('sensors-intel/sys'), read);
    expect(readCpuTemperature(sensors, read)).toBe(58.5);
  });

  it('reads Tdie rather than the offset Tctl on AMD', () => {
    expect(sensorsOf('sensors-amd')).toEqual(['/class/hwmon/hwmon0/temp2_input']);
    expect(readCpuTemperature(discoverTemperatureSensors(fixturePath('sensors-amd/sys'), read), read)).toBe(
      44.1,
    );
  });

  it('falls back to the cpu-thermal zone on ARM boards, and to acpitz last', () => {
    expect(sensorsOf('sensors-arm')).toEqual(['/class/thermal/thermal_zone0/temp']);
    expect(readCpuTemperature(discoverTemperatureSensors(fixturePath('sensors-arm/sys'), read), read)).toBe(
      48.7,
    );
    expect(sensorsOf('sensors-acpi-only')).toEqual(['/class/thermal/thermal_zone0/temp']);
  });

  it('uses every input of an unlabelled CPU hwmon and picks the best rank only', () => {
    expect(
      pickHwmonInputs('coretemp', [
        { input: 'a', label: undefined },
        { input: 'b', label: undefined },
      ]),
    ).toEqual(['a', 'b']);
    expect(
      pickHwmonInputs('zenpower', [
        { input: 'a', label: 'Tctl' },
        { input: 'b', label: 'Tccd1' },
      ]),
    ).toEqual(['a']);
    expect(
      chooseSensors([
        { path: 'acpi', rank: 3 },
        { path: 'pkg', rank: 1 },
      ]),
    ).toEqual(['pkg']);
  });

  it('drops unreadable and implausible values', () => {
    expect(parseMilliCelsius('45500\n')).toBe(45.5);
    expect(parseMilliCelsius('-273150\n')).toBeUndefined();
    expect(parseMilliCelsius('')).toBeUndefined();
    expect(readCpuTemperature(['/nonexistent/temp'], read)).toBeUndefined();
  });
});
