// Messages of the customer-return process.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CancelReturnRequest, ReturnProcessState, ReturnReceiptRequest, ReturnReceiptResult } from './types';

export const returnStateQuery = defineQuery<ReturnProcessState>('returnState');
/** Goods of the return arrived at the warehouse (possibly part of them). */
export const receiveReturnUpdate = defineUpdate<ReturnReceiptResult, [ReturnReceiptRequest]>('receiveReturn');
/** Called off before anything arrived. */
export const cancelReturnUpdate = defineUpdate<ReturnProcessState, [CancelReturnRequest]>('cancelReturn');

export const returnWorkflowId = (returnNumber: string) => `return-${returnNumber}`;
