// Ports on this machine: one free to listen on, and whether something already answers on one.
import net from 'node:net';

// Below Linux's ephemeral range (32768+): a port picked here is never handed out by the OS to a client
// connection or a `listen(0)` in between being picked and being listened on by the server it is meant for.
const LOW = 20_000;
const HIGH = 32_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

// Ports already handed out by this process. A port is only bound later by the server it is meant for,
// so without this two picks in a row could name the same free port (it happened: the API and Temporal
// were both given one port, and the API could never listen).
const given = new Set<number>();

/** A port nothing listens on right now and not handed out before by this process, for servers started
 * on free ports (chosen at random, outside the OS's own range). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (given.has(port) || !(await canListen(port))) continue;
    given.add(port);
    return port;
  }
  throw new Error(`no free port found between ${LOW} and ${HIGH}`);
}

/** Whether a server answers on the port (a TCP connect succeeds). */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, host, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
