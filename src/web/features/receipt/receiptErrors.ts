// Why a receipt code was not accepted, and what to tell the respondent: for the receipt page and the
// survey's check of an earlier wave's receipt alike.
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../../api.js';
import type { ReceiptInput } from './receiptCode.js';

export type ReceiptFailure =
  /** No answer has this code (the server says nothing about any other code). */
  | { kind: 'notFound' }
  /** Too many tries from here or for this code: wait. */
  | { kind: 'tooMany' }
  | { kind: 'network' }
  /** Anything else, with the server's message in the caller's language when there is one. */
  | { kind: 'other'; detail: string };

export function receiptFailure(error: unknown): ReceiptFailure {
  if (error instanceof NetworkError) return { kind: 'network' };
  if (error instanceof ApiError) {
    if (error.status === 404) return { kind: 'notFound' };
    if (error.status === 429) return { kind: 'tooMany' };
    return { kind: 'other', detail: error.detail };
  }
  return { kind: 'other', detail: '' };
}

/** The message for a code the server did not accept. A wrong code gets one plain message that says nothing about other codes. */
export function useReceiptFailureText(): (failure: ReceiptFailure) => string {
  const { t } = useTranslation();
  return (failure) => {
    switch (failure.kind) {
      case 'notFound':
        return t('receipt.codeErrors.notFound');
      case 'tooMany':
        return t('receipt.codeErrors.tooMany');
      case 'network':
        return t('common.networkError');
      default:
        return failure.detail || t('common.unknownError');
    }
  };
}

/** What a typed code lacks before it is worth asking the server. */
export function useReceiptInputText(): (reason: Extract<ReceiptInput, { ok: false }>['reason']) => string {
  const { t } = useTranslation();
  return (reason) =>
    reason === 'empty' ? t('receipt.codeErrors.empty') : reason === 'characters' ? t('receipt.codeErrors.characters') : t('receipt.codeErrors.length');
}
