// The baseline for the ingest ceiling: a bare `ws` server that only parses the frames it receives.
// Prints its port, then the number of frames parsed each time it receives a line on stdin.
import { WebSocketServer } from 'ws';

let parsed = 0;
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  maxPayload: 1 << 20,
});
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    JSON.parse(String(data));
    parsed++;
  });
});
wss.on('listening', () => process.stdout.write(`port ${wss.address().port}\n`));
process.stdin.on('data', () => process.stdout.write(`parsed ${parsed}\n`));
