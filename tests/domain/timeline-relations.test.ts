// The timeline's rules alone: which document a workflow id names, and how relations compose along a walk.
import { documentOfNumber, documentOfWorkflowId } from '../../domain/timeline/documents';
import { childRelation, parentRelation, relationOver } from '../../domain/timeline/relations';

test('a workflow id names its document; ids of other processes and malformed numbers name none', () => {
  expect(documentOfWorkflowId('order-SO-00001')).toEqual({ type: 'order', number: 'SO-00001' });
  expect(documentOfWorkflowId('purchase-order-PO-00012')).toEqual({ type: 'purchase-order', number: 'PO-00012' });
  expect(documentOfWorkflowId('mo-MO-00003')).toEqual({ type: 'manufacturing-order', number: 'MO-00003' });
  expect(documentOfWorkflowId('return-RET-00002')).toEqual({ type: 'return', number: 'RET-00002' });
  expect(documentOfWorkflowId('requisition-REQ-123456')).toEqual({ type: 'requisition', number: 'REQ-123456' });
  expect(documentOfWorkflowId('ticket-TCK-00001')).toEqual({ type: 'ticket', number: 'TCK-00001' });
  for (const other of ['maintenance-MNT-00001', 'quality-alert-QA-00001', 'order-PO-00001', 'order-SO-1', 'xorder-SO-00001'])
    expect(documentOfWorkflowId(other)).toBeUndefined();
  expect(documentOfNumber('MO-00001')).toEqual({ type: 'manufacturing-order', number: 'MO-00001' });
  expect(documentOfNumber('INV-00001')).toBeUndefined();
});

test('a walk goes on down from what a document started or caused, up from what started or caused it, never sideways', () => {
  // From the document itself, every link counts.
  for (const r of ['parent', 'child', 'caused-by', 'follow-up', 'supplied-by'] as const) expect(relationOver('self', r)).toBe(r);
  // Down: an order's MO's sub-assembly is its child; the purchase order of its reorder requisition a follow-up.
  expect(relationOver('child', 'child')).toBe('child');
  expect(relationOver('follow-up', 'child')).toBe('follow-up');
  expect(relationOver('child', 'follow-up')).toBe('follow-up');
  // Up: a purchase order's requisition's order caused it.
  expect(relationOver('parent', 'parent')).toBe('parent');
  expect(relationOver('parent', 'caused-by')).toBe('caused-by');
  // Turning round reaches siblings (a parent's other children) or the document again: not followed.
  expect(relationOver('parent', 'child')).toBeUndefined();
  expect(relationOver('child', 'parent')).toBeUndefined();
  expect(relationOver('caused-by', 'follow-up')).toBeUndefined();
  // A purchase only shown for the goods it supplied leads nowhere further.
  for (const r of ['parent', 'child', 'caused-by', 'follow-up'] as const) expect(relationOver('supplied-by', r)).toBeUndefined();
});

test('a child process is part of its starter, except work that goes on whatever happens to it', () => {
  expect(childRelation('order', 'manufacturing-order')).toBe('child');
  expect(childRelation('requisition', 'purchase-order')).toBe('child');
  expect(childRelation('order', 'requisition')).toBe('follow-up');
  expect(childRelation('return', 'order')).toBe('follow-up');
  expect(childRelation('ticket', 'order')).toBe('follow-up');
  expect(parentRelation('order', 'requisition')).toBe('caused-by');
  expect(parentRelation('manufacturing-order', 'manufacturing-order')).toBe('parent');
});
