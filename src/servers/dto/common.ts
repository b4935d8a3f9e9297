export { dateInput, nameInput } from '@hivewatch/protocol';
