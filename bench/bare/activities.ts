// The bare process's one activity: it does nothing and answers with what it was given.
export const createBareActivities = () => ({
  async step(payload: string): Promise<string> {
    return payload;
  },
});
