// Receipt calls: no account and no cookies; the receipt code is the capability (rate-limited by the server).
import type { ReceiptSummary, Withdrawn } from '../../../contracts/api.js';
import { api } from '../../api.js';

export const lookupReceipt = (receiptCode: string) => api.post<ReceiptSummary>('/receipts/lookup', { receiptCode });

export const withdrawAnswers = (receiptCode: string) => api.post<Withdrawn>('/receipts/withdraw', { receiptCode });
