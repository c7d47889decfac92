/**
 * A modal confirmation before something that cannot be undone (revoke a token, reset a second factor,
 * withdraw one's answers, import a file): a heading the dialog is labelled by, what will happen, the
 * confirming button and cancel. While the action runs the buttons wait; a failure is said in the dialog
 * (role="alert") and the dialog stays open; success closes it.
 */
import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  /** The heading's id (the dialog's label). */
  id: string;
  heading: string;
  /** What will happen (paragraphs). */
  children: ReactNode;
  confirm: string;
  /** The label of the dialog's close button. */
  close: string;
  /** Default: common.cancel. */
  cancel?: string;
  /** The confirming button in the danger colour (default), or the plain one. */
  danger?: boolean;
  /** Does it; a thrown error is shown in the dialog. */
  onConfirm: () => Promise<void>;
  /** Default: the server's message, else common.unknownError. */
  errorText?: (error: unknown) => string;
}

export function ConfirmDialog({ open, onClose, id, heading, children, confirm, close, cancel, danger = true, onConfirm, errorText }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [wasOpen, setWasOpen] = useState(open);
  // Each opening starts without the last one's error.
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) setError('');
  }

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(errorText ? errorText(caught) : caught instanceof ApiError && caught.detail ? caught.detail : t('common.unknownError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} closeButton={close} aria-labelledby={id}>
      <Dialog.Block className="stack">
        <Heading level={2} data-size="xs" id={id}>
          {heading}
        </Heading>
        {children}
        {error && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{error}</Paragraph>
          </Alert>
        )}
        <div className="button-row">
          <Button data-color={danger ? 'danger' : undefined} onClick={() => void run()} loading={busy} aria-disabled={busy || undefined}>
            {confirm}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {cancel ?? t('common.cancel')}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
