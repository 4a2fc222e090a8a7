/**
 * Let other tasks run: `scheduler.yield()` where the global has it (its continuation is
 * queued ahead of other tasks, and it has no nested-timer clamp), else a 0 ms timer. Works in
 * a page's window (the content script) and in the service worker / event page alike; no
 * extension API, so it imports anywhere.
 */
interface YieldScope {
  setTimeout(handler: () => void, ms: number): unknown;
  scheduler?: { yield?: () => Promise<void> };
}

export function yieldTask(scope: YieldScope = globalThis as unknown as YieldScope): Promise<void> {
  const s = scope.scheduler;
  if (s && typeof s.yield === 'function') return s.yield.call(s);
  return new Promise((r) => scope.setTimeout(r, 0));
}
