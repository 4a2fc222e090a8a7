/**
 * fast-check for every unit test file: a property (its runs and its shrinking) stops after
 * 15 s and then fails, with its seed and path for replay, before Vitest's 20 s test timeout.
 * Without it, a failing property over long texts shrank for half an hour in CI.
 */
import fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true });
