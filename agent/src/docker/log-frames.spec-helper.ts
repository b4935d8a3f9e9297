/** One frame of the Engine API's multiplexed log stream (8-byte header: stream, 0, 0, 0, length). */
export function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
