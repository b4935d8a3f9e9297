import { cronFields, cronPreset, describeCron, fieldLayout, parseTimeOfDay } from './cron-presets';

describe('cron presets', () => {
  it('write the five-field expression of each preset', () => {
    expect(cronPreset('every-5-minutes')).toBe('*/5 * * * *');
    expect(cronPreset('hourly')).toBe('0 * * * *');
    expect(cronPreset('daily', '03:00')).toBe('0 3 * * *');
    expect(cronPreset('daily', '23:45')).toBe('45 23 * * *');
    expect(cronPreset('weekly', '07:30', 1)).toBe('30 7 * * 1');
    expect(cronPreset('weekly', '00:05', 0)).toBe('5 0 * * 0');
  });

  it('fall back to 03:00 for a time that is not one, and keep the weekday in 0–6', () => {
    expect(cronPreset('daily', '25:00')).toBe('0 3 * * *');
    expect(cronPreset('daily', 'soon')).toBe('0 3 * * *');
    expect(cronPreset('weekly', '04:00', 9)).toBe('0 4 * * 6');
    expect(parseTimeOfDay('9:05')).toEqual([9, 5]);
    expect(parseTimeOfDay('12:60')).toBeNull();
  });

  it('describe each preset in words', () => {
    expect(describeCron(cronPreset('every-5-minutes'))).toBe('every 5 minutes');
    expect(describeCron(cronPreset('hourly'))).toBe('every hour, on the hour');
    expect(describeCron(cronPreset('daily', '03:00'))).toBe('every day at 03:00');
    expect(describeCron(cronPreset('weekly', '07:30', 1))).toBe('every Monday at 07:30');
  });

  it('describe other usual shapes and give up on the rest', () => {
    expect(describeCron('* * * * *')).toBe('every minute');
    expect(describeCron('15 * * * *')).toBe('every hour at 15 past');
    expect(describeCron('0 */6 * * *')).toBe('every 6 hours at 00 past');
    expect(describeCron('30 2 * * 1-5')).toBe('every weekday (Monday to Friday) at 02:30');
    expect(describeCron('0 9 * * MON,FRI')).toBe('every Monday, Friday at 09:00');
    expect(describeCron('0 9 * * 7')).toBe('every Sunday at 09:00');
    expect(describeCron('0 4 1 * *')).toBe('every month on day 1 at 04:00');
    expect(describeCron('0 4 1 1 *')).toBeNull();
    expect(describeCron('0 4 * *')).toBeNull();
    expect(describeCron('61 4 * * *')).toBeNull();
    expect(describeCron('0 4 * * 1-3')).toBeNull();
    expect(cronFields('  0   3 * *  * ')).toEqual(['0', '3', '*', '*', '*']);
  });

  it('read a six-field expression as seconds first', () => {
    expect(describeCron('0 30 2 * * *')).toBe('every day at 02:30');
    expect(describeCron('*/2 * * * * *')).toBeNull();
    expect(fieldLayout('*/2 * * * * *').map((f) => f.name)).toEqual([
      'second',
      'minute',
      'hour',
      'day of month',
      'month',
      'day of week',
    ]);
    expect(fieldLayout('0 3 *').map((f) => f.value)).toEqual(['0', '3', '*', '', '']);
  });
});
