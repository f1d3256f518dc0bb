// Runs update handlers that change stock or money one at a time, in the order they were accepted,
// so two calls never read the same state and both act on it. A promise chain: no timers, no commands.
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
