// A lock for update handlers of one workflow. Handlers run concurrently whenever one awaits an
// activity, so two payments could both pass a check on state that the other is about to change;
// handlers that move money or stock take turns through this lock instead. Plain promises only, so
// it is deterministic on replay and adds no commands to the history.

export class Lock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /**
   * Runs `critical` once no other holder is inside. Uncontended, it starts at once (in the same
   * tick), so a handler behaves exactly as it did before it took the lock.
   */
  async run<T>(critical: () => Promise<T>): Promise<T> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held = true;
    try {
      return await critical();
    } finally {
      // Hand over directly to the next waiter in arrival order, so no newcomer can slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.held = false;
    }
  }
}
