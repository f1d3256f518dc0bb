// Who must approve a requisition, by its total. Pure so the rule is tested on its own.

export interface ApprovalLevel {
  level: number;
  role: string;
  label: string;
}

/** Up to the auto limit: nobody. Above it: the requester's manager (approver). Above the finance limit: finance (manager) too. */
export function approvalChain(totalCents: number, limits: { autoApproveLimitCents: number; financeLimitCents: number }): ApprovalLevel[] {
  const chain: ApprovalLevel[] = [];
  if (totalCents > limits.autoApproveLimitCents) chain.push({ level: 1, role: 'approver', label: "requester's manager" });
  if (totalCents > limits.financeLimitCents) chain.push({ level: 2, role: 'manager', label: 'finance' });
  return chain;
}

/** Segregation of duties: nobody approves their own requisition, nor twice in one chain. */
export function approvalRefusal(decider: string, requester: string, earlierApprovers: string[]): string | undefined {
  if (decider === requester) return `${decider} requested this and cannot approve it`;
  if (earlierApprovers.includes(decider)) return `${decider} has already approved this requisition at an earlier level`;
  return undefined;
}

/** Escalation path when an approver does not decide in time. */
export const escalationRole = (role: string) => (role === 'approver' ? 'manager' : 'admin');
