// The REST building blocks live in the protocol library (libs/protocol/src/api/common.ts).
export { limitParam, parseTimeInput, TIME_INPUT_ERROR, timeParam, uuidParam } from '@hivewatch/protocol';
