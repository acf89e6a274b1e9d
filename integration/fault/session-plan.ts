/**
 * What a fault session does, drawn up front from its seed: branches, devices and where they run,
 * each device's operations, the network's fault weights, when the server is SIGKILLed and which
 * device is killed mid-push. Executing the plan is not deterministic (threads, sockets and timers
 * interleave as they will), but the plan is: a failing seed replays the same script.
 */
import { seededRandom, type FaultWeights } from './fault-proxy.js';
import type { DeviceSyncSettings } from './device-host.js';

/** How a device is killed: while the server holds its push's answer, before the server saw the push, or at a random instant (child only). */
export type DeviceKillMode = 'push-applied' | 'push-unsent' | 'random-instant';

export type Op =
  | { kind: 'sale'; r: number }
  | { kind: 'receive'; r: number }
  | { kind: 'adjust'; r: number }
  | { kind: 'customer'; r: number }
  | { kind: 'void'; r: number }
  | { kind: 'pause'; ms: number }
  /** Makes the device's access token look expired: its next request refreshes (rotates) it. */
  | { kind: 'expire-token' }
  | { kind: 'kill'; mode: DeviceKillMode };

export interface DevicePlan {
  branch: number;
  /** Runs in a child process (the only kind a real SIGKILL can hit). */
  child: boolean;
  ops: Op[];
  /** Gap between operations, ms. */
  gapMs: number;
  proxySeed: number;
  clientSeed: number;
  sync: DeviceSyncSettings;
}

export type ServerKill = { trigger: { atMs: number } | { onPush: number; delayMs: number }; downMs: number };

export interface SessionPlan {
  seed: number;
  branches: number;
  devices: DevicePlan[];
  weights: FaultWeights;
  serverKills: ServerKill[];
  /** Opening stock per catalogue batch at each branch. */
  openingQty: number;
}

const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: () => number, p: number): boolean => r() < p;

function weightsFor(r: () => number): FaultWeights {
  if (chance(r, 0.15)) return { pass: 1, 'drop-request': 0, 'drop-response': 0, duplicate: 0, 'replay-later': 0 };
  const intensity = [0.04, 0.1, 0.18, 0.3][int(r, 0, 3)] as number;
  // Split the fault share between the four kinds, each at least a little.
  const parts = [0.5 + r(), 0.5 + r(), 0.3 + r(), 0.3 + r()];
  const sum = parts.reduce((a, b) => a + b, 0);
  const share = parts.map((p) => (p / sum) * intensity);
  return { pass: 1 - intensity, 'drop-request': share[0] as number, 'drop-response': share[1] as number, duplicate: share[2] as number, 'replay-later': share[3] as number };
}

function opFor(r: () => number): Op {
  const x = r();
  if (x < 0.48) return { kind: 'sale', r: r() };
  if (x < 0.63) return { kind: 'receive', r: r() };
  if (x < 0.75) return { kind: 'adjust', r: r() };
  if (x < 0.84) return { kind: 'customer', r: r() };
  if (x < 0.89) return { kind: 'void', r: r() };
  return { kind: 'pause', ms: int(r, 10, 80) };
}

export function planSession(seed: number): SessionPlan {
  const r = seededRandom(seed);
  const branches = chance(r, 0.45) ? 2 : 1;
  const deviceCount = int(r, Math.max(2, branches), 4);
  const devices: DevicePlan[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const ops = Array.from({ length: int(r, 4, 10) }, () => opFor(r));
    devices.push({
      branch: i < branches ? i : int(r, 0, branches - 1),
      child: false,
      ops,
      gapMs: int(r, 0, 15),
      proxySeed: (seed * 31 + i * 7919 + 1) >>> 0,
      clientSeed: (seed * 17 + i * 104_729 + 3) >>> 0,
      sync: { idleWaitSeconds: 1, backoff: { baseMs: 20, maxMs: 200 }, pushBatch: int(r, 1, 7), pullLimit: [25, 80, 250, 1000][int(r, 0, 3)] as number },
    });
  }
  // Kill one device mid-push in about one session in six; in a third of those it is a real
  // process and gets a real SIGKILL.
  if (chance(r, 0.17)) {
    const victim = devices[int(r, 0, deviceCount - 1)] as DevicePlan;
    victim.child = chance(r, 0.35);
    const modes: DeviceKillMode[] = victim.child ? ['push-applied', 'push-unsent', 'random-instant'] : ['push-applied', 'push-unsent'];
    const mode = modes[int(r, 0, modes.length - 1)] as DeviceKillMode;
    victim.ops.splice(int(r, 1, victim.ops.length - 1), 0, { kind: 'kill', mode });
  }
  // Token rotations under faults: refreshes are rare in a one-second session unless forced.
  if (chance(r, 0.4)) {
    for (let n = int(r, 1, 2); n > 0; n--) {
      const d = devices[int(r, 0, deviceCount - 1)] as DevicePlan;
      d.ops.splice(int(r, 0, d.ops.length), 0, { kind: 'expire-token' });
    }
  }
  const serverKills: ServerKill[] = [];
  if (chance(r, 0.1)) {
    const kills = chance(r, 0.25) ? 2 : 1;
    for (let k = 0; k < kills; k++) {
      const downMs = int(r, 0, 250);
      serverKills.push(chance(r, 0.5) ? { trigger: { atMs: int(r, 0, 400) }, downMs } : { trigger: { onPush: int(r, 1, 6), delayMs: int(r, 0, 6) }, downMs });
    }
  }
  return { seed, branches, devices, weights: weightsFor(r), serverKills, openingQty: int(r, 20, 60) };
}

/** One line per plan, for failure messages. */
export function describePlan(plan: SessionPlan): string {
  const w = Object.entries(plan.weights)
    .filter(([k, v]) => k !== 'pass' && v > 0)
    .map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`)
    .join(', ');
  const devices = plan.devices
    .map((d, i) => `d${i}@b${d.branch}${d.child ? '(child)' : ''}: ${d.ops.map((o) => (o.kind === 'kill' ? `kill:${o.mode}` : o.kind)).join(' ')} [push ${d.sync.pushBatch}, pull ${d.sync.pullLimit}]`)
    .join('; ');
  const kills = plan.serverKills.map((k) => ('atMs' in k.trigger ? `at ${k.trigger.atMs} ms` : `on push ${k.trigger.onPush}+${k.trigger.delayMs} ms`) + ` down ${k.downMs} ms`);
  return `${plan.branches} branch(es); faults: ${w || 'none'}; server kills: ${kills.join(', ') || 'none'}; ${devices}`;
}
