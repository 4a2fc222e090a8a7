import { describe, expect, it } from 'vitest';
import { threadCpu, type TraceEvent } from '../../../bench/browser/trace.ts';

const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
const task = (pid: number, tid: number, dur: number, tdur: number, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({ name, ph: 'X', ts: 1, dur, tdur, pid, tid });

describe('threadCpu: CPU of renderer main threads and service workers from a trace', () => {
  const events: TraceEvent[] = [
    meta(1, 1, 'CrRendererMain'), // the page
    meta(2, 2, 'CrRendererMain'), // the extension's process
    meta(2, 7, 'ServiceWorker thread'),
    meta(3, 3, 'CrBrowserMain'),
    meta(1, 9, 'Compositor'),
    task(1, 1, 5000, 3000),
    task(1, 1, 2000, 1500),
    task(2, 2, 800, 400),
    task(2, 7, 9000, 2500),
    task(3, 3, 7000, 7000), // the browser process: not counted
    task(1, 9, 7000, 7000), // the compositor thread: not counted
    task(1, 1, 4000, 4000, 'Layout'), // inside a task: counted by the task, not again
  ];

  it('sums the thread CPU (tdur) of tasks, not their wall time, on the right threads only', () => {
    const r = threadCpu(events);
    expect(r.mainCpuMs).toBeCloseTo(4.9, 6);
    expect(r.workerCpuMs).toBeCloseTo(2.5, 6);
    expect(r.byName.size).toBe(0);
  });

  it('with detail: wall time by event name on renderer main threads', () => {
    const r = threadCpu(events, true);
    expect(r.byName.get('Layout')).toBeCloseTo(4, 6);
    expect(r.byName.get('ThreadControllerImpl::RunTask')).toBeCloseTo(7.8, 6);
  });
});
